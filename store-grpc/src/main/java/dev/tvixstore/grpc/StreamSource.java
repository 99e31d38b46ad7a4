package dev.tvixstore.grpc;

import java.util.Iterator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A backend's lazy stream (a directory closure, a PathInfo listing) as a {@link
 * FlowControlledSender.Source}: one element is pulled and converted per message sent, and the
 * stream is closed with the source, so the backend's cursor ends with the call.
 */
final class StreamSource<D, M> implements FlowControlledSender.Source<M> {

  private final Stream<D> stream;
  private final Iterator<D> elements;
  private final Function<D, M> toMessage;

  /**
   * @param elements the iterator of {@code stream}, possibly advanced already (a caller may look at
   *     the first element before deciding to stream)
   */
  StreamSource(Stream<D> stream, Iterator<D> elements, Function<D, M> toMessage) {
    this.stream = stream;
    this.elements = elements;
    this.toMessage = toMessage;
  }

  /** The whole of {@code stream}. */
  static <D, M> StreamSource<D, M> of(Stream<D> stream, Function<D, M> toMessage) {
    return new StreamSource<>(stream, stream.iterator(), toMessage);
  }

  @Override
  public M next() {
    return elements.hasNext() ? toMessage.apply(elements.next()) : null;
  }

  @Override
  public void close() {
    stream.close();
  }
}
