package dev.dafu.search;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import co.elastic.clients.elasticsearch._types.FieldValue;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Where a page of results ended, for the next page past any depth (Elasticsearch's
 * {@code search_after}): the last result's sort values, as opaque URL-safe text.
 */
final class SearchCursor {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_LENGTH = 1000;

	private SearchCursor() {
	}

	static String encode(List<FieldValue> sortValues) {
		ArrayNode array = JSON.createArrayNode();
		for (FieldValue value : sortValues) {
			switch (value._kind()) {
				case Long -> array.add(value.longValue());
				case Double -> array.add(value.doubleValue());
				case String -> array.add(value.stringValue());
				case Boolean -> array.add(value.booleanValue());
				default -> array.addNull();
			}
		}
		return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(array));
	}

	/**
	 * The sort values {@code cursor} holds.
	 * @throws BadSearchRequestException when it is not a cursor of {@code sortLength}
	 * values this API gave
	 */
	static List<FieldValue> decode(String cursor, int sortLength) {
		try {
			if (cursor.length() > MAX_LENGTH) {
				throw new IllegalArgumentException();
			}
			JsonNode array = JSON.readTree(Base64.getUrlDecoder().decode(cursor));
			if (!array.isArray() || array.size() != sortLength) {
				throw new IllegalArgumentException();
			}
			List<FieldValue> values = new ArrayList<>();
			for (JsonNode value : array) {
				if (value.isIntegralNumber()) {
					values.add(FieldValue.of(value.longValue()));
				}
				else if (value.isNumber()) {
					values.add(FieldValue.of(value.doubleValue()));
				}
				else if (value.isString()) {
					values.add(FieldValue.of(value.stringValue()));
				}
				else if (value.isBoolean()) {
					values.add(FieldValue.of(value.booleanValue()));
				}
				else {
					values.add(FieldValue.NULL);
				}
			}
			return values;
		}
		catch (IllegalArgumentException | JacksonException ex) {
			throw new BadSearchRequestException(
					"cursor is not one this API gave for this sort: pass nextCursor of the previous answer as it is");
		}
	}

}
