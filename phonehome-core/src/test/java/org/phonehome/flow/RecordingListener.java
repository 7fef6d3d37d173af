package org.phonehome.flow;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A {@link FlowListener} that records every call as a line of text, plus the summaries. */
final class RecordingListener implements FlowListener {
    final List<String> log = new ArrayList<>();
    final List<FlowInfo> started = new ArrayList<>();
    final List<FlowSummary> ended = new ArrayList<>();

    @Override
    public void flowStarted(FlowInfo flow) {
        started.add(flow);
        log.add("start " + flow.id() + " " + flow.transport() + " " + flow.device() + " -> " + flow.server() + " by "
                + flow.deviceSideBy());
    }

    @Override
    public void payload(FlowInfo flow, Direction direction, StreamChunk c) {
        log.add("payload " + flow.id() + " " + direction.jsonName() + " @" + c.streamOffset() + " \""
                + new String(c.data(), c.offset(), c.length(), StandardCharsets.ISO_8859_1) + "\" frame "
                + c.frameNumber());
    }

    @Override
    public void gap(FlowInfo flow, Direction direction, long streamOffset, long length) {
        log.add("gap " + flow.id() + " " + direction.jsonName() + " @" + streamOffset + " +" + length);
    }

    @Override
    public void flowEnded(FlowSummary s) {
        ended.add(s);
        log.add("end " + s.info().id() + " " + s.endReason());
    }

    FlowSummary summary(long id) {
        return ended.stream().filter(s -> s.info().id() == id).findFirst().orElseThrow();
    }
}
