package org.phonehome.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.phonehome.Counters;
import org.phonehome.net.IpAddress;
import org.phonehome.net.TransportPacket;

/** The device-side rules as a table: first packet in, chosen device end and rule out. */
class DeviceSideTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                    | proto | flags | src            | sport | dst             | dport | deviceIp       | device              | by
            syn from device           | tcp   | SYN   | 8.8.8.8        | 40000 | 1.1.1.1         | 443   |                | 8.8.8.8:40000       | syn
            syn+ack only              | tcp   | SYNACK| 1.1.1.1        | 443   | 8.8.8.8         | 40000 |                | 8.8.8.8:40000       | syn
            syn beats private address | tcp   | SYN   | 203.0.113.5    | 5000  | 192.168.1.2     | 80    |                | 203.0.113.5:5000    | syn
            private vs public         | tcp   | ACK   | 203.0.113.5    | 443   | 192.168.1.2     | 40000 |                | 192.168.1.2:40000   | private_address
            private vs public udp     | udp   | -     | 10.0.0.7       | 5353  | 8.8.8.8         | 53    |                | 10.0.0.7:5353       | private_address
            well-known port           | udp   | -     | 8.8.8.8        | 53    | 9.9.9.9         | 33000 |                | 9.9.9.9:33000       | ephemeral_port
            dynamic port              | tcp   | ACK   | 8.8.8.8        | 8080  | 9.9.9.9         | 50000 |                | 9.9.9.9:50000       | ephemeral_port
            both private, same ports  | udp   | -     | 192.168.1.2    | 3000  | 192.168.1.3     | 3000  |                | 192.168.1.2:3000    | first_packet
            device ip as receiver     | tcp   | SYN   | 192.168.1.9    | 40000 | 192.168.1.2     | 8080  | 192.168.1.2    | 192.168.1.2:8080    | device_ip
            device ip as sender       | udp   | -     | 100.64.3.3     | 53    | 1.1.1.1         | 53    | 100.64.3.3     | 100.64.3.3:53       | device_ip
            device ip not in flow     | udp   | -     | 10.0.0.7       | 5353  | 8.8.8.8         | 53    | 10.9.9.9       | 10.0.0.7:5353       | private_address
            multicast                 | udp   | -     | 192.168.1.2    | 5353  | 224.0.0.251     | 5353  |                | 192.168.1.2:5353    | multicast
            broadcast                 | udp   | -     | 0.0.0.0        | 68    | 255.255.255.255 | 67    |                | 0.0.0.0:68          | multicast
            ipv6 multicast            | udp   | -     | fe80::1        | 5353  | ff02::fb        | 5353  |                | [fe80::1]:5353      | multicast
            """)
    void resolvesTheDeviceSide(String name, String proto, String flags, String src, int sport, String dst, int dport,
                               String deviceIp, String device, String by) {
        int f = switch (flags) {
            case "SYN" -> TransportPacket.SYN;
            case "SYNACK" -> TransportPacket.SYN | TransportPacket.ACK;
            case "ACK" -> TransportPacket.ACK;
            default -> 0;
        };
        int protocol = proto.equals("tcp") ? TransportPacket.TCP : TransportPacket.UDP;
        TransportPacket p = new TransportPacket(1, 1, 1, 60, 0, IpAddress.parse(src), IpAddress.parse(dst), protocol,
                sport, dport, 1, 0, f, 0, new byte[0], 0, 0, 0, null);
        RecordingListener listener = new RecordingListener();
        FlowConfig config = FlowConfig.defaults();
        if (deviceIp != null) {
            config = config.withDeviceIp(IpAddress.parse(deviceIp));
        }
        new FlowTable(config, listener, new Counters()).packet(p);
        assertThat(listener.started).hasSize(1);
        assertThat(listener.started.get(0).device().toString()).isEqualTo(device);
        assertThat(listener.started.get(0).deviceSideBy()).isEqualTo(by);
    }
}
