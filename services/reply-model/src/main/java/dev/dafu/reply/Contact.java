package dev.dafu.reply;

/**
 * Whom the proposer can call about the reply, as printed at its end.
 *
 * @param name the 联系人 or 承办人
 * @param phone the phone number as printed
 * @param address the postal address
 * @param postcode the six-digit postcode
 * @param unit the unit to call, where the reply names one instead of (or beside) a person
 * ({@code 联系单位及电话：财政部税政司 …})
 */
public record Contact(String name, String phone, String address, String postcode, String unit) {

	/** A contact as most replies print it: a person, a phone, an address, a postcode. */
	public Contact(String name, String phone, String address, String postcode) {
		this(name, phone, address, postcode, null);
	}

}
