package dev.dafu.indexer;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.json.JsonMapper;

import dev.dafu.elasticsearch.ReplyIndex;
import dev.dafu.reply.EnrichedReply;
import dev.dafu.reply.PageGone;
import dev.dafu.reply.Reply;
import dev.dafu.reply.ReplyIdentity;
import dev.dafu.reply.SegmentedText;
import dev.dafu.reply.Submission;
import dev.dafu.stream.DependencyUnavailableException;
import dev.dafu.testsupport.BindingProbe;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The indexer's function beans as they are bound, through the Stream test binder:
 * {@code indexReply} hands a batch's readable records to the index writer (a mock here;
 * on Elasticsearch in the integration tests) with the record each came in, announces what
 * changed as CloudEvents on {@code replies.published}, and names the record to
 * dead-letter; {@code markGone} the same for gone pages.
 */
@SpringBootTest(properties = { "spring.config.name=indexer", "spring.kafka.admin.auto-create=false",
		"spring.cloud.stream.default-binder=integration",
		"spring.cloud.stream.bindings.indexReply-in-0.consumer.max-attempts=1",
		"spring.cloud.stream.bindings.markGone-in-0.consumer.max-attempts=1" })
@Import(BindingProbe.Configuration.class)
class IndexerBindingsTest {

	@Autowired
	private InputDestination input;

	@Autowired
	private JsonMapper json;

	@MockitoBean
	private ReplyIndexer indexer;

	@MockitoBean
	private ReplyIndex index;

	@Autowired
	private BindingProbe probe;

	@BeforeEach
	void clearTheProbe() {
		this.probe.clear();
	}

	@Test
	void aBatchIsWrittenAtOnceWithTheRecordEachCameInAndItsChangesAnnouncedAsCloudEvents() throws IOException {
		Reply first = reply("0671");
		Reply second = reply("0672");
		given(this.indexer.index(anyList())).willReturn(new ReplyIndexer.Outcome(
				List.of(change(first, ReplyChange.Kind.CREATED), change(second, ReplyChange.Kind.UPDATED)), null));

		this.input.send(MessageBuilder.withPayload(List.of(enriched(first), enriched(second)))
			.setHeader(KafkaHeaders.RECEIVED_TOPIC, List.of("replies.enriched", "replies.enriched"))
			.setHeader(KafkaHeaders.RECEIVED_PARTITION, List.of(2, 2))
			.setHeader(KafkaHeaders.OFFSET, List.of(41L, 42L))
			.build(), "replies.enriched");

		this.probe.assertNoFailure();
		assertThat(written()).extracting(incoming -> incoming.enriched().reply().id(), ReplyIndexer.Incoming::source)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(first.id(), "replies.enriched/2@41"),
					org.assertj.core.groups.Tuple.tuple(second.id(), "replies.enriched/2@42"));
		assertThat(this.probe.sent("replies.published")).satisfiesExactly(event -> {
			assertThat(event.key()).isEqualTo(first.id());
			assertThat(header(event, "ce_type")).isEqualTo("reply.created.v1");
			assertThat(header(event, "ce_id")).startsWith(first.id() + "-");
			assertThat(header(event, "ce_subject")).isEqualTo(first.id());
			assertThat(header(event, "ce_specversion")).isEqualTo("1.0");
			assertThat(header(event, "ce_dataschema")).isNotBlank();
			assertThat(header(event, "content-type")).isEqualTo("application/json");
		}, event -> assertThat(header(event, "ce_type")).isEqualTo("reply.updated.v1"));
	}

	@Test
	void aDocumentElasticsearchRefusesIsNamedWithItsReasonAndTheOthersAreAnnounced() throws IOException {
		Reply first = reply("0671");
		Reply second = reply("0672");
		given(this.indexer.index(anyList())).willReturn(
				new ReplyIndexer.Outcome(List.of(change(first, ReplyChange.Kind.CREATED)), new ReplyIndexer.Refusal(1,
						"mapper_parsing_exception: failed to parse field [replyDate] of type [date]")));

		batch(enriched(first), enriched(second));

		BatchListenerFailedException failure = this.probe.batchFailure();
		assertThat(failure.getIndex()).isEqualTo(1);
		assertThat(failure.getMessage()).contains("mapper_parsing_exception");
		assertThat(this.probe.sent("replies.published")).singleElement()
			.satisfies(event -> assertThat(event.key()).isEqualTo(first.id()));
	}

	@Test
	void anUnreadableRecordIsNamedAfterTheRecordsBeforeItAreWritten() throws IOException {
		Reply first = reply("0671");
		given(this.indexer.index(anyList()))
			.willReturn(new ReplyIndexer.Outcome(List.of(change(first, ReplyChange.Kind.CREATED)), null));

		batch(enriched(first), "{\"reply\": {\"title\": \"x\"}}".getBytes(StandardCharsets.UTF_8), enriched(first));

		assertThat(written()).extracting(incoming -> incoming.enriched().reply().id()).containsExactly(first.id());
		BatchListenerFailedException failure = this.probe.batchFailure();
		assertThat(failure.getIndex()).isEqualTo(1);
		assertThat(failure.getMessage()).contains("a reply with no id");
		assertThat(this.probe.sent("replies.published")).hasSize(1);
	}

	@Test
	void elasticsearchAwayFailsTheBatchFromItsFirstRecordAsAnOutageNotABadRecord() throws IOException {
		given(this.indexer.index(anyList())).willThrow(new ConnectException("Connection refused"));

		batch(enriched(reply("0671")), enriched(reply("0672")));

		BatchListenerFailedException failure = this.probe.batchFailure();
		assertThat(failure.getIndex()).isZero();
		assertThat(failure.getCause()).isInstanceOf(DependencyUnavailableException.class);
		assertThat(this.probe.sent()).isEmpty();
	}

	@Test
	void aGonePageMarksItsRepliesAndAnnouncesTheWithdrawal() throws IOException {
		Reply withdrawn = reply("0671");
		given(this.indexer.markGone(any(), eq("pages.gone/0@7")))
			.willReturn(List.of(change(withdrawn, ReplyChange.Kind.WITHDRAWN)));

		this.input.send(MessageBuilder.withPayload(this.json.writeValueAsBytes(gone("http://site.test/34.html")))
			.setHeader(KafkaHeaders.RECEIVED_TOPIC, "pages.gone")
			.setHeader(KafkaHeaders.RECEIVED_PARTITION, 0)
			.setHeader(KafkaHeaders.OFFSET, 7L)
			.build(), "pages.gone");

		this.probe.assertNoFailure();
		ArgumentCaptor<PageGone> page = ArgumentCaptor.forClass(PageGone.class);
		verify(this.indexer).markGone(page.capture(), eq("pages.gone/0@7"));
		assertThat(page.getValue().url()).isEqualTo("http://site.test/34.html");
		assertThat(this.probe.sent("replies.published")).singleElement()
			.satisfies(event -> assertThat(header(event, "ce_type")).isEqualTo("reply.withdrawn.v1"));
	}

	@Test
	void aGoneRecordWithoutAUrlIsRefusedWithThatReasonAndTouchesNothing() {
		this.input
			.send(MessageBuilder.withPayload("{\"site\": \"test\", \"status\": 404}".getBytes(StandardCharsets.UTF_8))
				.build(), "pages.gone");

		verifyNoInteractions(this.indexer);
		assertThat(this.probe.sent()).isEmpty();
		assertThat(this.probe.reason()).hasMessageContaining("no url");
	}

	private List<ReplyIndexer.Incoming> written() throws IOException {
		@SuppressWarnings("unchecked")
		ArgumentCaptor<List<ReplyIndexer.Incoming>> batch = ArgumentCaptor.forClass(List.class);
		verify(this.indexer).index(batch.capture());
		return batch.getValue();
	}

	private void batch(byte[]... records) {
		this.input.send(MessageBuilder.withPayload(List.of(records)).build(), "replies.enriched");
	}

	private byte[] enriched(Reply reply) {
		return this.json.writeValueAsBytes(new EnrichedReply(reply, new SegmentedText("答复", null, "加快 科学 研究")));
	}

	private static PageGone gone(String url) {
		return new PageGone(url, "test", 404, Instant.parse("2026-12-01T00:00:00Z"));
	}

	private ReplyChange change(Reply reply, ReplyChange.Kind kind) {
		return new ReplyChange(reply, kind, "0123456789abcdef0123456789abcdef", this.json.writeValueAsBytes(reply));
	}

	private static String header(ProducerRecord<String, byte[]> event, String name) {
		return new String(event.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	private static Reply reply(String number) {
		String title = "对市十六届人大二次会议第" + number + "号代表建议的答复";
		LocalDate date = LocalDate.of(2024, 6, 21);
		return new Reply(ReplyIdentity.of("上海市科学技术委员会", "沪科建复〔2024〕" + number + "号", title),
				List.of("http://site.test/" + number + ".html"), List.of(), "test", title, null, "上海市科学技术委员会",
				new Submission(Submission.Kind.SUGGESTION, number, "市十六届人大二次会议", null, List.of()), null, null, date,
				date, null, List.of(), List.of(), "加快科学研究。", Map.of(), "0.3.0", List.of(), null, null, null, null);
	}

}
