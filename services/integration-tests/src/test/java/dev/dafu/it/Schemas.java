package dev.dafu.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The checked-in JSON Schemas under {@code schemas/}, to hold real messages against. */
final class Schemas {

	private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

	private Schemas() {
	}

	/**
	 * Holds {@code document} against the schema whose {@code $id} is {@code id}, such as
	 * an event's {@code ce_dataschema}: {@code urn:dafu:schema:NAME} is
	 * {@code schemas/NAME.schema.json}.
	 */
	static void assertValidAgainst(URI id, JsonNode document) {
		String prefix = "urn:dafu:schema:";
		assertThat(id.toString()).startsWith(prefix);
		String schemaFile = id.toString().substring(prefix.length()) + ".schema.json";
		try (InputStream schema = Schemas.class.getResourceAsStream("/schemas/" + schemaFile)) {
			assertThat(schema).as(schemaFile).isNotNull();
			assertThat(new ObjectMapper().readTree(schema).get("$id").asText()).isEqualTo(id.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		assertValid(schemaFile, document);
	}

	static void assertValid(String schemaFile, JsonNode document) {
		try (InputStream schema = Schemas.class.getResourceAsStream("/schemas/" + schemaFile)) {
			assertThat(schema).as(schemaFile).isNotNull();
			Set<ValidationMessage> errors = FACTORY.getSchema(schema).validate(document);
			assertThat(errors).as(schemaFile + " errors for " + document).isEmpty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
