package dev.dafu.crawler;

import dev.dafu.crawler.run.PageSink;
import dev.dafu.reply.CrawledPage;
import dev.dafu.reply.PageGone;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Hands pages to {@code crawl.pages} and gone pages to {@code pages.gone} (the output
 * bindings of {@code crawler.yml}), each keyed by its canonical URL, so every version of
 * a page lands on one partition in order.
 */
class StreamPageSink implements PageSink {

	/** The output binding for {@code crawl.pages}. */
	static final String PAGES_BINDING = "crawledPages-out-0";

	/** The output binding for {@code pages.gone}. */
	static final String GONE_BINDING = "gonePages-out-0";

	private final StreamBridge streamBridge;

	StreamPageSink(StreamBridge streamBridge) {
		this.streamBridge = streamBridge;
	}

	@Override
	public void fetched(CrawledPage page) {
		send(PAGES_BINDING, page.url(), page);
	}

	@Override
	public void gone(PageGone page) {
		send(GONE_BINDING, page.url(), page);
	}

	private void send(String binding, String key, Object payload) {
		if (!this.streamBridge.send(binding,
				MessageBuilder.withPayload(payload).setHeader(KafkaHeaders.KEY, key).build())) {
			throw new IllegalStateException(binding + " did not accept " + key);
		}
	}

}
