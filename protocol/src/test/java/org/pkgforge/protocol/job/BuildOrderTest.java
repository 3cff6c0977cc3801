package org.pkgforge.protocol.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pkgforge.protocol.job.BuildOrder.Member;

class BuildOrderTest {
    private static Member member(String name, String... buildRequires) {
        return new Member(name + ".src.rpm", name, List.of(), List.of(buildRequires));
    }

    @Test
    void unrelatedMembersKeepTheSubmittedOrder() {
        List<Member> set = List.of(member("c"), member("a", "gcc"), member("b", "make >= 4"));

        BuildOrder.Result result = BuildOrder.of(set);

        assertThat(result.order()).containsExactly(0, 1, 2);
        assertThat(result.cycle()).isEmpty();
        assertThat(result.note(set)).isEmpty();
    }

    @Test
    void aProviderSubmittedLaterMovesBeforeItsConsumer() {
        List<Member> set =
                List.of(member("farm-app", "gcc", "libfarm-devel >= 1.0"), member("other"), member("libfarm", "gcc"));

        BuildOrder.Result result = BuildOrder.of(set);

        assertThat(result.order()).containsExactly(1, 2, 0);
        assertThat(result.note(set))
                .contains("build order derived from BuildRequires: other.src.rpm, libfarm.src.rpm, farm-app.src.rpm");
    }

    @Test
    void theLongestMatchingNameIsTheProviderAndExplicitProvidesCount() {
        Member lib = member("lib");
        Member libExtra = member("lib-extra");
        Member virt = new Member("v.src.rpm", "v", List.of("virtual-thing = 2"), List.of());
        Member app = member("app", "lib-extra-devel", "virtual-thing >= 1");
        List<Member> set = List.of(app, lib, libExtra, virt);

        BuildOrder.Result result = BuildOrder.of(set);

        assertThat(result.order()).containsExactly(1, 2, 3, 0);
    }

    @Test
    void aChainIsOrderedWhateverTheSubmittedOrder() {
        List<Member> set = List.of(member("c", "b-devel"), member("b", "a"), member("a"));

        assertThat(BuildOrder.of(set).order()).containsExactly(2, 1, 0);
    }

    @Test
    void aCycleIsReportedAndItsMembersKeepTheSubmittedOrderAtTheEnd() {
        List<Member> set = List.of(member("x", "y-devel"), member("free"), member("y", "x"));

        BuildOrder.Result result = BuildOrder.of(set);

        assertThat(result.order()).containsExactly(1, 0, 2);
        assertThat(result.cycle()).containsExactly("x.src.rpm", "y.src.rpm");
        assertThat(result.note(set).orElseThrow())
                .contains("BuildRequires cycle between x.src.rpm, y.src.rpm (built in submitted order)");
    }

    @Test
    void aMemberRequiringItselfIsNoCycle() {
        List<Member> set = List.of(member("self", "self-devel"));

        assertThat(BuildOrder.of(set).cycle()).isEmpty();
    }
}
