// The go-winio peer of the npipe4j interop tests (dev.npipe4j.windows.interop): Go's own net/http
// and go-winio's CloseWrite, the way the Docker engine uses them.
//
//	winio-peer http-server \\.\pipe\NAME
//	    serves HTTP/1.1 over winio.ListenPipe in message mode; prints "ready" once listening.
//	    GET /hello          a fixed body with Content-Length
//	    GET /chunked?n=N    N chunks, flushed one by one
//	    POST /digest        "len=N sha256=HEX" of the request body
//	    POST /attach        101 UPGRADED, then the raw stream until the client's CloseWrite,
//	                        answered with "len=N sha256=HEX\n" and a close (Docker's attach)
//	winio-peer closewrite-client \\.\pipe\NAME SIZE
//	    dials, writes SIZE pattern bytes, calls CloseWrite(), reads the answer to end of stream
//	    and prints "answer: TEXT"
//
// Every mode exits with 3 after NPIPE4J_NATIVE_TIMEOUT seconds (default 90), so it never hangs.
// Build: scripts/build-native.sh (GOOS=windows GOARCH=amd64).
package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"time"

	winio "github.com/Microsoft/go-winio"
)

func die(what string, err error) {
	fmt.Printf("error: winio-peer: %s: %v\n", what, err)
	os.Exit(2)
}

func watchdog() {
	seconds := 90
	if v, err := strconv.Atoi(os.Getenv("NPIPE4J_NATIVE_TIMEOUT")); err == nil && v > 0 {
		seconds = v
	}
	go func() {
		time.Sleep(time.Duration(seconds) * time.Second)
		fmt.Printf("error: winio-peer: timed out after %d s (watchdog)\n", seconds)
		os.Exit(3)
	}()
}

// Pattern is the byte i of every stream the peers send: (i*31 + (i>>8)*7) mod 256.
func pattern(i int) byte {
	return byte(i*31 + (i>>8)*7)
}

func digest(r io.Reader) string {
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return "error=" + err.Error()
	}
	return fmt.Sprintf("len=%d sha256=%s", n, hex.EncodeToString(h.Sum(nil)))
}

func httpServer(name string) {
	l, err := winio.ListenPipe(name, &winio.PipeConfig{
		MessageMode: true, InputBufferSize: 65536, OutputBufferSize: 65536,
	})
	if err != nil {
		die("listen", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /hello", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "hello from go-winio\n")
	})
	mux.HandleFunc("GET /chunked", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		for i := 0; i < n; i++ {
			fmt.Fprintf(w, "chunk %d\n", i)
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("POST /digest", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, digest(r.Body))
	})
	mux.HandleFunc("POST /attach", func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer conn.Close()
		buf.WriteString("HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n")
		buf.Flush()
		// The stream ends with the client's CloseWrite: go-winio reads its zero-byte message as EOF.
		answer := digest(buf.Reader)
		conn.Write([]byte(answer + "\n"))
	})
	fmt.Println("ready")
	if err := http.Serve(l, mux); err != nil {
		die("serve", err)
	}
}

func closeWriteClient(name string, size int) {
	timeout := 30 * time.Second
	c, err := winio.DialPipe(name, &timeout)
	if err != nil {
		die("dial", err)
	}
	cw, ok := c.(interface{ CloseWrite() error })
	if !ok {
		die("dial", fmt.Errorf("%s is not a message-mode pipe: no CloseWrite", name))
	}
	w := bufio.NewWriterSize(c, 65536)
	for i := 0; i < size; i++ {
		w.WriteByte(pattern(i))
	}
	if err := w.Flush(); err != nil {
		die("write", err)
	}
	if err := cw.CloseWrite(); err != nil {
		die("CloseWrite", err)
	}
	answer, err := io.ReadAll(c)
	if err != nil {
		die("read", err)
	}
	c.Close()
	fmt.Printf("answer: %s\n", answer)
}

func main() {
	watchdog()
	if len(os.Args) >= 3 && os.Args[1] == "http-server" {
		httpServer(os.Args[2])
		return
	}
	if len(os.Args) >= 4 && os.Args[1] == "closewrite-client" {
		size, err := strconv.Atoi(os.Args[3])
		if err != nil {
			die("size", err)
		}
		closeWriteClient(os.Args[2], size)
		return
	}
	fmt.Println("usage: winio-peer http-server NAME | closewrite-client NAME SIZE")
	os.Exit(2)
}
