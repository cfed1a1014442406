package dev.dafu.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dafu.reply.Reply;
import dev.dafu.reply.Section;
import dev.dafu.search.ReplyText.Block;

class ReplyTextTest {

	@Test
	void showsTheWholeLetterWithItsSectionsHeadingsMarked() {
		Reply reply = reply("""
				张三代表：
				您提出的关于加强养老服务的建议收悉，现答复如下：
				一、办理情况
				我局加快养老服务。
				新建养老院12家。
				二、下一步工作
				继续推进。
				感谢您对我们工作的关心和支持。
				上海市民政局
				2024年6月21日
				抄送：市人大常委会代表工委""", new Section("一、办理情况", "我局加快养老服务。\n新建养老院12家。"), new Section("二、下一步工作", "继续推进。"));

		assertThat(ReplyText.of(reply)).containsExactly(new Block("张三代表：", 0), new Block("您提出的关于加强养老服务的建议收悉，现答复如下：", 0),
				new Block("一、办理情况", 1), new Block("我局加快养老服务。", 0), new Block("新建养老院12家。", 0), new Block("二、下一步工作", 2),
				new Block("继续推进。", 0), new Block("感谢您对我们工作的关心和支持。", 0), new Block("上海市民政局", 0),
				new Block("2024年6月21日", 0), new Block("抄送：市人大常委会代表工委", 0));
	}

	@Test
	void aHeadingRunningIntoItsParagraphIsMarkedApart() {
		Reply reply = reply("张三代表：\n一、总体情况。全省新建养老院12家。\n上海市民政局", new Section("一、总体情况", "全省新建养老院12家。"));

		assertThat(ReplyText.of(reply)).containsExactly(new Block("张三代表：", 0), new Block("一、总体情况", 1),
				new Block("全省新建养老院12家。", 0), new Block("上海市民政局", 0));
	}

	@Test
	void withoutSectionsItIsTheBodysLines() {
		assertThat(ReplyText.of(reply("第一段。\n\n第二段。"))).containsExactly(new Block("第一段。", 0), new Block("第二段。", 0));
	}

	@Test
	void sectionsTheBodyDoesNotHoldAreShownAsTheyAre() {
		Reply reply = reply("另一段文字。", new Section("一、办理情况", "我局加快养老服务。"));

		assertThat(ReplyText.of(reply)).containsExactly(new Block("一、办理情况", 1), new Block("我局加快养老服务。", 0));
	}

	private static Reply reply(String body, Section... sections) {
		return new Reply("r1", List.of("https://site.test/1.html"), List.of(), "test", "关于加强养老服务的答复", null, "上海市民政局",
				null, null, null, null, null, null, List.of(), List.of(sections), body, null, "0.4.2", List.of(), null,
				null, null, null);
	}

}
