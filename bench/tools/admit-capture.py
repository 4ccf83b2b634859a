#!/usr/bin/env python3
"""Where the time between the admit click and the first relayed frame goes, from the packets themselves.

    capture: ip netns exec <the bench's Janus namespace> python3 admit-capture.py capture OUT.txt
             (run while `LIANXIN_BENCH_DIAGNOSE=1 ./lianxin bench admit` runs; its log names the namespace and
             prints each click's wall-clock time)
    analyse: python3 admit-capture.py analyse OUT.txt BENCH.log

Reads every UDP packet on Janus's side of the namespace (AF_PACKET; root). Under SRTP/SRTCP the RTP header and the
first RTCP header stay in clear, so it sees when Janus sends a PLI (RTCP PT 206 FMT 1) to each publishing browser,
when that browser's next video frame (a new RTP timestamp) arrives, and when Janus starts relaying video to each
receiving connection (a flow silent before the click). Wall-clock times, the same clock as the pages' marks.
"""
import collections
import re
import socket
import struct
import sys
import time


def capture(path):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.ntohs(3))
    out = open(path, 'w', buffering=1)
    while True:
        pkt, addr = s.recvfrom(65535)
        t = time.time()
        if len(pkt) < 42 or struct.unpack('!H', pkt[12:14])[0] != 0x0800:
            continue
        ip = pkt[14:]
        ihl = (ip[0] & 15) * 4
        if ip[9] != 17:
            continue
        src, dst = socket.inet_ntoa(ip[12:16]), socket.inet_ntoa(ip[16:20])
        sport, dport = struct.unpack('!HH', ip[ihl:ihl + 4])
        u = ip[ihl + 8:]
        if len(u) < 12 or (u[0] >> 6) != 2:
            continue  # STUN, DTLS
        pt = u[1]
        if 192 <= pt <= 223:
            out.write(f'{t:.4f} {src}:{sport} {dst}:{dport} rtcp pt={pt} fmt={u[0] & 31} len={len(u)}\n')
        else:
            seq, ts, ssrc = struct.unpack('!HII', u[2:12])
            out.write(f'{t:.4f} {src}:{sport} {dst}:{dport} rtp pt={pt & 127} seq={seq} ts={ts} ssrc={ssrc} len={len(u)}\n')


def analyse(cap, log, janus_prefix='198.'):
    clicks = [float(m.group(1)) / 1000 for m in re.finditer(r'click at ([0-9.]+)', open(log).read())]
    rows = []
    for line in open(cap):
        p = line.split()
        rows.append((float(p[0]), p[1], p[2], p[3], dict(x.split('=') for x in p[4:])))
    video = lambda r: r[3] == 'rtp' and r[4]['pt'] == '96'
    for i, c in enumerate(clicks):
        win = [r for r in rows if c - 0.6 <= r[0] <= c + 1.5]
        plis = collections.OrderedDict()
        for r in win:
            if r[0] >= c and r[3] == 'rtcp' and r[4]['pt'] == '206' and r[4]['fmt'] == '1':
                plis.setdefault(r[2], r[0])
        out = []
        for pub, tp in plis.items():
            last, nxt = {}, None
            for r in win:
                if video(r) and r[1] == pub:
                    k = r[4]['ssrc']
                    if r[0] > tp and k in last and last[k] != r[4]['ts']:
                        nxt = r[0]
                        break
                    last[k] = r[4]['ts']
            out.append(f'PLI to :{pub.split(":")[1]} {1000 * (tp - c):.0f} ms, its next frame '
                       + (f'{1000 * (nxt - c):.0f} ms' if nxt else '-'))
        before = set((r[1], r[2]) for r in win if r[0] < c and video(r))
        starts = collections.OrderedDict()
        for r in win:
            if r[0] >= c and video(r) and (r[1], r[2]) not in before and r[1].startswith(janus_prefix):
                starts.setdefault(r[2], r[0])
        out += [f'relayed to {d} from {1000 * (t - c):.0f} ms' for d, t in starts.items()]
        print(f'click {i}: ' + '; '.join(out))


if __name__ == '__main__':
    if len(sys.argv) >= 3 and sys.argv[1] == 'capture':
        capture(sys.argv[2])
    elif len(sys.argv) >= 4 and sys.argv[1] == 'analyse':
        analyse(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
