package org.lianxin.signaling.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The county network itself: every namespace reaches what it should through the router, the county firewall lets
 * only TCP to TURN:443 (and to the app's port) out, an outage cuts the county off and its end restores it, coturn
 * stops and starts, and closing leaves no namespace, veth or route behind.
 */
class CountyNetworkIT {

    static CountyNetwork net;

    @BeforeAll
    static void start() {
        assumeTrue(CountyNetwork.available(), "needs root, ip, nft, janus, coturn and openssl");
        net = CountyNetwork.start();
    }

    @AfterAll
    static void stop() {
        if (net != null) {
            net.close();
        }
    }

    /** Whether a TCP connection from the county to address:port opens within 2 s. */
    static boolean countyConnects(String address, int port) throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "exec", net.countyNamespace(), "timeout", "2", "bash", "-c",
                "exec 3<>/dev/tcp/" + address + "/" + port).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() == 0;
    }

    static boolean hostConnects(String address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void theCountyFirewallPassesOnlyTurnOver443AndTheAppAndAnOutageCutsTheCountyOff() throws Exception {
        try (var app = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName(net.hostAddress()))) {
            int appPort = app.getLocalPort();
            // no firewall: the county reaches Janus, coturn on both ports and the app; the host reaches Janus
            assertThat(hostConnects(net.janusAddress(), CountyNetwork.JANUS_WS_PORT)).isTrue();
            assertThat(countyConnects(net.janusAddress(), CountyNetwork.JANUS_WS_PORT)).isTrue();
            assertThat(countyConnects(net.turnAddress(), CountyNetwork.TURN_PORT)).isTrue();
            assertThat(countyConnects(net.hostAddress(), appPort)).isTrue();

            net.firewall(appPort);
            assertThat(countyConnects(net.turnAddress(), CountyNetwork.TURNS_PORT)).isTrue();
            assertThat(countyConnects(net.hostAddress(), appPort)).isTrue();
            assertThat(countyConnects(net.janusAddress(), CountyNetwork.JANUS_WS_PORT)).isFalse();
            assertThat(countyConnects(net.turnAddress(), CountyNetwork.TURN_PORT)).isFalse();

            net.outage(true);
            assertThat(countyConnects(net.turnAddress(), CountyNetwork.TURNS_PORT)).isFalse();
            net.outage(false);
            assertThat(countyConnects(net.turnAddress(), CountyNetwork.TURNS_PORT)).isTrue();

            net.loss(100);
            assertThat(countyConnects(net.turnAddress(), CountyNetwork.TURNS_PORT)).isFalse();
            net.loss(0);
            net.rate(512);
            assertThat(countyConnects(net.turnAddress(), CountyNetwork.TURNS_PORT)).isTrue();
            net.rate(0);

            net.noFirewall();
            assertThat(countyConnects(net.janusAddress(), CountyNetwork.JANUS_WS_PORT)).isTrue();
        }
    }

    @Test
    void coturnStopsAndStartsAndItsFileDeniesEveryPrivateRangeButJanus() throws Exception {
        assertThat(net.certificateSpki()).matches("[A-Za-z0-9+/]{43}=");
        assertThat(net.turnUrls()).containsExactly("turn:" + net.turnAddress() + ":3478?transport=udp",
                "turn:" + net.turnAddress() + ":3478?transport=tcp", "turns:" + net.turnAddress() + ":443?transport=tcp");
        net.stopTurn();
        assertThat(hostConnects(net.turnAddress(), CountyNetwork.TURNS_PORT)).isFalse();
        net.startTurn();
        assertThat(hostConnects(net.turnAddress(), CountyNetwork.TURNS_PORT)).isTrue();
        assertThat(net.turnLogTail(200)).doesNotContain(net.turnSecret());
    }

    @Test
    void closingLeavesNoNamespaceVethOrRoute() throws Exception {
        CountyNetwork other = CountyNetwork.start();
        List<String> namespaces = List.of(other.routerNamespace(), other.mediaNamespace(), other.turnNamespace(),
                other.countyNamespace());
        String hostAddress = other.hostAddress();
        other.close();

        String left = new String(new ProcessBuilder("ip", "netns", "list").start().getInputStream().readAllBytes());
        for (String ns : namespaces) {
            assertThat(left).doesNotContain(ns);
        }
        String addresses = new String(new ProcessBuilder("ip", "-o", "-4", "addr", "show").start().getInputStream()
                .readAllBytes());
        assertThat(addresses).doesNotContain(" " + hostAddress + "/");
    }
}
