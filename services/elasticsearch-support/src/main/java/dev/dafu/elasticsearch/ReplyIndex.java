package dev.dafu.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;

/**
 * The index that holds reply documents. Its mapping is the checked-in template
 * {@code schemas/elasticsearch/replies.index-template.json}.
 */
public class ReplyIndex {

	/** Where the template sits on the classpath. */
	public static final String TEMPLATE_RESOURCE = "/schemas/elasticsearch/replies.index-template.json";

	private static final String TEMPLATE_NAME = "dafu-replies";

	private final ElasticsearchClient client;

	private final String name;

	public ReplyIndex(ElasticsearchClient client, String name) {
		this.client = client;
		this.name = name;
	}

	public String name() {
		return this.name;
	}

	/** Installs the template and creates the index when it is missing; safe to call from many instances. */
	public void createIfMissing() throws IOException {
		try (InputStream template = templateJson()) {
			this.client.indices().putIndexTemplate(t -> t.name(TEMPLATE_NAME).withJson(template));
		}
		if (this.client.indices().exists(e -> e.index(this.name)).value()) {
			return;
		}
		try {
			this.client.indices().create(c -> c.index(this.name));
		}
		catch (ElasticsearchException ex) {
			if (!"resource_already_exists_exception".equals(ex.error().type())) {
				throw ex;
			}
		}
	}

	public static InputStream templateJson() {
		InputStream template = ReplyIndex.class.getResourceAsStream(TEMPLATE_RESOURCE);
		if (template == null) {
			throw new UncheckedIOException(new IOException(TEMPLATE_RESOURCE + " is missing from the classpath"));
		}
		return template;
	}

}
