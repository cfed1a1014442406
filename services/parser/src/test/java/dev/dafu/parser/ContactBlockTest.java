package dev.dafu.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.dafu.reply.Contact;

/** Contact blocks as sites print them: each field cut where the next label starts. */
class ContactBlockTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-",
			value = { "联系人：张三，电话：010-68551234|张三|010-68551234|-", "联系人：张三 联系电话：021-23112526|张三|021-23112526|-",
					"联系人：张三；联系电话：（010）84238000|张三|（010）84238000|-", "联系人及电话：赵静 010-68552345|赵静|010-68552345|-",
					"联系单位及电话：财政部税政司 010-68551234|-|010-68551234|财政部税政司", "联系人：李四（13912345678）|李四|13912345678|-",
					"承办人：陈静　联系电话：025-52853111|陈静|025-52853111|-", "联系方式：王五 0571-87056000|王五|0571-87056000|-",
					"联系单位：市交通委建设处　联系电话：23117788|-|23117788|市交通委建设处", "（联系人：陈华，联系电话：0571-87654321）|陈华|0571-87654321|-",
					"(联系人：陈华 电话：(0571)87654321)|陈华|(0571)87654321|-", "联 系 人：武桂　　联系电话：027-87564457|武桂|027-87564457|-",
					"联系人 ：张三　电　　话：010-68551234|张三|010-68551234|-" })
	void readsEveryFieldOfAOneLineContact(String line, String name, String phone, String unit) {
		Contact contact = ContactBlock.read(List.of(line));

		assertThat(contact.name()).isEqualTo(name);
		assertThat(contact.phone()).isEqualTo(phone);
		assertThat(contact.unit()).isEqualTo(unit);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "联系地址：石鼓路69号　　邮政编码：210004|石鼓路69号|210004",
			"通讯地址：北京市西城区三里河南三巷3号，邮编：100820|北京市西城区三里河南三巷3号|100820", "地　　址：石鼓路69号　邮　　编：210004|石鼓路69号|210004" })
	void readsAddressAndPostcodeOnOneLine(String line, String address, String postcode) {
		Contact contact = ContactBlock.read(List.of(line));

		assertThat(contact.address()).isEqualTo(address);
		assertThat(contact.postcode()).isEqualTo(postcode);
	}

	@Test
	void readsATablesCellsWithoutColonsOnOneLineOrEachOnItsOwn() {
		Contact oneLine = ContactBlock.read(List.of("联系人 蔡清辰 联系电话 010-63385993"));
		Contact cellLines = ContactBlock.read(List.of("联 系 人", "蔡清辰", "联系电话", "010-63385993"));

		for (Contact contact : List.of(oneLine, cellLines)) {
			assertThat(contact.name()).isEqualTo("蔡清辰");
			assertThat(contact.phone()).isEqualTo("010-63385993");
		}
		assertThat(ContactBlock.read(List.of("电话线路改造已于去年完成", "地址 变更后另行通知"))).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "我们将与联系人：张三保持沟通，并于年底前完成全部工作，确保各项措施落到实处。", "感谢您对交通工作的关心和支持。" })
	void aSentenceIsNoContact(String line) {
		assertThat(ContactBlock.read(List.of(line))).isNull();
	}

}
