package org.pkgforge.controller.agents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentTokensTest {
    @Test
    void aLaunchTokenIsSpentByItsFirstUseAndOnlyForItsAgent() {
        AgentTokens tokens = new AgentTokens();
        String token = tokens.issue("b1");
        assertThat(tokens.consume("b2", token)).isFalse();
        assertThat(tokens.consume("b1", token + "x")).isFalse();
        assertThat(tokens.consume("b1", token)).isTrue();
        assertThat(tokens.consume("b1", token)).isFalse();
    }

    @Test
    void launchingAgainReplacesTheUnspentToken() {
        AgentTokens tokens = new AgentTokens();
        String first = tokens.issue("b1");
        String second = tokens.issue("b1");
        assertThat(second).isNotEqualTo(first).hasSize(43);
        assertThat(tokens.consume("b1", first)).isFalse();
        assertThat(tokens.consume("b1", second)).isTrue();
        tokens.issue("b1");
        tokens.revoke("b1");
        assertThat(tokens.consume("b1", null)).isFalse();
    }
}
