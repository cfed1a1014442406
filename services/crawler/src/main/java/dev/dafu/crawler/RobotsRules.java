package dev.dafu.crawler;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;

/** robots.txt per host (RFC 9309), fetched once per crawl. */
class RobotsRules {

	private final PageFetcher fetcher;

	private final String robotsName;

	private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();

	private final Map<String, BaseRobotRules> byHost = new HashMap<>();

	RobotsRules(PageFetcher fetcher, String robotsName) {
		this.fetcher = fetcher;
		this.robotsName = robotsName;
	}

	boolean allows(URI uri) throws InterruptedException {
		String origin = uri.getScheme() + "://" + uri.getRawAuthority();
		BaseRobotRules rules = this.byHost.get(origin);
		if (rules == null) {
			rules = load(URI.create(origin + "/robots.txt"));
			this.byHost.put(origin, rules);
		}
		return rules.isAllowed(uri.toString());
	}

	private BaseRobotRules load(URI robotsUri) throws InterruptedException {
		try {
			FetchedPage robots = this.fetcher.fetch(robotsUri);
			if (robots.status() >= 500) {
				// RFC 9309 2.3.1.4: an unreachable robots.txt means complete disallow.
				return new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_NONE);
			}
			if (!robots.ok()) {
				return new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL);
			}
			return this.parser.parseContent(robotsUri.toString(), robots.body(), robots.contentType(),
					List.of(this.robotsName));
		}
		catch (IOException ex) {
			return new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_NONE);
		}
	}

}
