// The go-winio baseline of the npipe4j benchmark harness: same protocol, tests and output as
// dev.npipe4j.bench.Harness (see its javadoc) and bench/c/pipe_bench.c.
//
//	pipe_bench_go server \\.\pipe\NAME
//	pipe_bench_go client \\.\pipe\NAME --test rtt|throughput|connect --size N --count N [--warm-up-secs S]
//	pipe_bench_go stop \\.\pipe\NAME
//
// Build: GOOS=windows GOARCH=amd64 go build -o pipe_bench_go.exe .
package main

import (
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"os"
	"sort"
	"strconv"
	"time"

	winio "github.com/Microsoft/go-winio"
)

const header = 13

func die(what string, err error) {
	fmt.Fprintf(os.Stderr, "%s: %v\n", what, err)
	os.Exit(1)
}

func sendHeader(c net.Conn, op byte, size int32, total int64) {
	var h [header]byte
	h[0] = op
	binary.LittleEndian.PutUint32(h[1:], uint32(size))
	binary.LittleEndian.PutUint64(h[5:], uint64(total))
	if _, err := c.Write(h[:]); err != nil {
		die("write header", err)
	}
}

func dial(name string) net.Conn {
	timeout := 10 * time.Second
	c, err := winio.DialPipe(name, &timeout)
	if err != nil {
		die("dial", err)
	}
	return c
}

func serve(name string) {
	l, err := winio.ListenPipe(name, &winio.PipeConfig{InputBufferSize: 65536, OutputBufferSize: 65536})
	if err != nil {
		die("listen", err)
	}
	fmt.Printf("READY %s\n", name)
	sink := make([]byte, 1<<20)
	one := []byte{1}
	for {
		c, err := l.Accept()
		if err != nil {
			die("accept", err)
		}
		var h [header]byte
		if _, err := io.ReadFull(c, h[:]); err == nil {
			size := int(binary.LittleEndian.Uint32(h[1:]))
			total := int64(binary.LittleEndian.Uint64(h[5:]))
			switch h[0] {
			case 'R':
				buf := make([]byte, size)
				for {
					if _, err := io.ReadFull(c, buf); err != nil {
						break
					}
					if _, err := c.Write(buf); err != nil {
						break
					}
				}
			case 'T':
				var got int64
				for got < total {
					n, err := c.Read(sink)
					if err != nil {
						break
					}
					got += int64(n)
				}
				c.Write(one)
				io.Copy(io.Discard, c)
			case 'C':
				c.Write(one)
				io.Copy(io.Discard, c)
			case 'Q':
				c.Close()
				l.Close()
				return
			}
		}
		c.Close()
	}
}

func pct(s []float64, p float64) float64 {
	i := int(p/100*float64(len(s)) + 0.5)
	if i < 1 {
		i = 1
	}
	if i > len(s) {
		i = len(s)
	}
	return s[i-1]
}

// rtt times count round trips after a warm-up of a tenth of them, and of warmUp at least: every
// client of a run is timed after the same warm-up, the Java ones' JIT included.
func rtt(name string, size, count int, warmUp time.Duration) {
	c := dial(name)
	sendHeader(c, 'R', int32(size), 0)
	out := make([]byte, size)
	in := make([]byte, size)
	for i := range out {
		out[i] = byte(i)
	}
	s := make([]float64, count)
	roundTrip := func() {
		if _, err := c.Write(out); err != nil {
			die("write", err)
		}
		if _, err := io.ReadFull(c, in); err != nil {
			die("read", err)
		}
	}
	warmEnd := time.Now().Add(warmUp)
	for i := 0; i < max(count/10, 100) || time.Now().Before(warmEnd); i++ {
		roundTrip()
	}
	sum := 0.0
	for i := 0; i < count; i++ {
		t0 := time.Now()
		roundTrip()
		d := float64(time.Since(t0).Nanoseconds())
		s[i] = d
		sum += d
	}
	c.Close()
	sort.Float64s(s)
	fmt.Printf("RESULT impl=go-winio test=rtt size=%d count=%d p50_us=%.2f p99_us=%.2f p999_us=%.2f mean_us=%.2f\n",
		size, count, pct(s, 50)/1e3, pct(s, 99)/1e3, pct(s, 99.9)/1e3, sum/float64(count)/1e3)
}

func push(name string, size int, total int64) float64 {
	c := dial(name)
	sendHeader(c, 'T', int32(size), total)
	out := make([]byte, size)
	ack := make([]byte, 1)
	t0 := time.Now()
	var sent int64
	for sent < total {
		n := int64(size)
		if total-sent < n {
			n = total - sent
		}
		if _, err := c.Write(out[:n]); err != nil {
			die("write", err)
		}
		sent += n
	}
	if _, err := io.ReadFull(c, ack); err != nil {
		die("ack", err)
	}
	secs := time.Since(t0).Seconds()
	c.Close()
	return secs
}

func throughput(name string, size int, total int64) {
	push(name, size, max(total/8, int64(size)))
	secs := push(name, size, total)
	fmt.Printf("RESULT impl=go-winio test=throughput size=%d bytes=%d secs=%.3f mib_s=%.1f\n",
		size, total, secs, float64(total)/secs/(1<<20))
}

func cycle(name string, one []byte) {
	c := dial(name)
	sendHeader(c, 'C', 0, 0)
	if _, err := io.ReadFull(c, one); err != nil {
		die("connect ack", err)
	}
	c.Close()
}

// connects times count connect cycles after a warm-up, as rtt does.
func connects(name string, count int, warmUp time.Duration) {
	one := make([]byte, 1)
	warmEnd := time.Now().Add(warmUp)
	for i := 0; i < max(count/10, 10) || time.Now().Before(warmEnd); i++ {
		cycle(name, one)
	}
	t0 := time.Now()
	for i := 0; i < count; i++ {
		cycle(name, one)
	}
	secs := time.Since(t0).Seconds()
	fmt.Printf("RESULT impl=go-winio test=connect count=%d secs=%.3f per_s=%.0f\n", count, secs, float64(count)/secs)
}

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: pipe_bench_go server|stop NAME | client NAME --test T --size N --count N [--warm-up-secs S]")
		os.Exit(2)
	}
	name := os.Args[2]
	switch os.Args[1] {
	case "server":
		serve(name)
		return
	case "stop":
		c := dial(name)
		sendHeader(c, 'Q', 0, 0)
		c.Close()
		return
	}
	test, size, count, warmUp := "rtt", int64(1), int64(10000), time.Duration(0)
	for i := 3; i+1 < len(os.Args); i += 2 {
		v, _ := strconv.ParseInt(os.Args[i+1], 10, 64)
		switch os.Args[i] {
		case "--test":
			test = os.Args[i+1]
		case "--size":
			size = v
		case "--count":
			count = v
		case "--warm-up-secs":
			warmUp = time.Duration(v) * time.Second
		}
	}
	switch test {
	case "rtt":
		rtt(name, int(size), int(count), warmUp)
	case "throughput":
		throughput(name, int(size), count)
	case "connect":
		connects(name, int(count), warmUp)
	default:
		os.Exit(2)
	}
}
