package org.phonehome.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlowConfigHeapTest {

    @Test
    void theFlowLimitFollowsTheHeap() {
        assertThat(FlowConfig.maxFlowsFor(256L << 20)).isEqualTo((int) ((256L << 20) / 2 / FlowConfig.BYTES_PER_FLOW));
        assertThat(FlowConfig.maxFlowsFor(64L << 30)).isEqualTo(FlowConfig.DEFAULT_MAX_FLOWS);
        assertThat(FlowConfig.maxFlowsFor(1 << 20)).isEqualTo(1_000);
    }
}
