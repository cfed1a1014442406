package dev.dafu.indexer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;

import dev.dafu.elasticsearch.ReplyIndex;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's view of the reply index: which index the alias points at, the indices
 * made for it, a rebuild with its progress, and dropping an index the alias has left.
 */
@RestController
@RequestMapping("/api/index")
class IndexController {

	private final ElasticsearchClient client;

	private final ReplyIndex alias;

	private final IndexRebuild rebuild;

	IndexController(ElasticsearchClient client, ReplyIndex alias, IndexRebuild rebuild) {
		this.client = client;
		this.alias = alias;
		this.rebuild = rebuild;
	}

	@GetMapping
	IndexStatus status() throws IOException {
		String current = this.alias.currentIndex();
		List<IndexStatus.Index> indices = new ArrayList<>();
		for (String index : this.alias.versions()) {
			long documents = this.client.count(c -> c.index(index)).count();
			indices.add(new IndexStatus.Index(index, documents, index.equals(current)));
		}
		return new IndexStatus(this.alias.name(), current, indices, this.rebuild.progress());
	}

	@PostMapping("/rebuild")
	ResponseEntity<?> startRebuild(@RequestParam(defaultValue = "false") boolean force) {
		try {
			return ResponseEntity.status(HttpStatus.ACCEPTED).body(this.rebuild.start(force));
		}
		catch (IllegalStateException ex) {
			return problem(HttpStatus.CONFLICT, ex.getMessage());
		}
	}

	@GetMapping("/rebuild")
	ResponseEntity<?> rebuildProgress() {
		IndexRebuild.Progress progress = this.rebuild.progress();
		return progress == null ? problem(HttpStatus.NOT_FOUND, "no rebuild was started on this instance")
				: ResponseEntity.ok(progress);
	}

	@DeleteMapping("/indices/{name}")
	ResponseEntity<?> drop(@PathVariable String name) throws IOException {
		if (!this.alias.versions().contains(name)) {
			return problem(HttpStatus.NOT_FOUND, name + " is not an index of " + this.alias.name());
		}
		if (name.equals(this.alias.currentIndex())) {
			return problem(HttpStatus.CONFLICT, "the alias " + this.alias.name() + " points at " + name);
		}
		IndexRebuild.Progress progress = this.rebuild.progress();
		if (progress != null && name.equals(progress.index()) && progress.finishedAt() == null
				&& progress.state() != IndexRebuild.State.FAILED) {
			return problem(HttpStatus.CONFLICT, "a rebuild is writing " + name);
		}
		this.client.indices().delete(d -> d.index(name));
		return ResponseEntity.noContent().build();
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
		return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
	}

	/**
	 * @param alias the name readers and writers use
	 * @param index the index it points at
	 * @param indices every index made for it, oldest first
	 * @param rebuild the last rebuild this instance started, null when none
	 */
	record IndexStatus(String alias, String index, List<Index> indices, IndexRebuild.Progress rebuild) {

		record Index(String name, long documents, boolean current) {
		}

	}

}
