package dev.dafu.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class LocalRunTest {

	@Test
	void runsOneInstanceOfEachUnlessAskedForMore() {
		assertThat(LocalRun.instances(new String[] { "/repo" })).isEqualTo(1);
		assertThat(LocalRun.instances(new String[] { "/repo", "--instances", "2" })).isEqualTo(2);
		assertThat(LocalRun.instances(new String[] { "/repo", "--instances=3" })).isEqualTo(3);
	}

	@Test
	void saysWhatIsWrongWithTheInstancesAskedFor() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LocalRun.instances(new String[] { "/repo", "--instances", "two" }))
			.withMessageContaining("whole number from 1 to 8, not 'two'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LocalRun.instances(new String[] { "/repo", "--instances", "0" }))
			.withMessageContaining("not '0'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LocalRun.instances(new String[] { "/repo", "--instance", "2" }))
			.withMessageContaining("unknown argument --instance");
	}

}
