package dev.npipe4j;

/** Which end of a pipe a handle is. */
public enum PipeEnd {
  /** The end opened with {@link ClientOptions#open(String)}. */
  CLIENT,
  /** The end created with {@link ServerOptions#create(String)}. */
  SERVER
}
