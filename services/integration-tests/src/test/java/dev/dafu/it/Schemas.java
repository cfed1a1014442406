package dev.dafu.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The checked-in JSON Schemas under {@code schemas/}, to hold real messages against. */
final class Schemas {

	private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

	private Schemas() {
	}

	static void assertValid(String schemaFile, JsonNode document) {
		try (InputStream schema = Schemas.class.getResourceAsStream("/schemas/" + schemaFile)) {
			assertThat(schema).as(schemaFile).isNotNull();
			Set<ValidationMessage> errors = FACTORY.getSchema(schema).validate(document);
			assertThat(errors).as(schemaFile + " errors for " + document).isEmpty();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
