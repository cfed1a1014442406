package dev.dafu.reply;

/**
 * Whom the proposer can call about the reply, as printed at its end.
 *
 * @param name the 联系人 or 承办人
 * @param phone the phone number as printed
 * @param address the postal address
 * @param postcode the six-digit postcode
 */
public record Contact(String name, String phone, String address, String postcode) {
}
