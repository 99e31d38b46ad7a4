package dev.tvixstore.web.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.error.DataLossException;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.error.LimitExceededException;
import dev.tvixstore.error.NotFoundException;
import dev.tvixstore.error.PermissionDeniedException;
import dev.tvixstore.error.StorageException;
import dev.tvixstore.error.StoreException;
import dev.tvixstore.error.UnauthenticatedException;
import dev.tvixstore.nix.InvalidNarException;
import dev.tvixstore.nix.NarInfo;
import org.junit.jupiter.api.Test;

class HttpStatusMapperTest {

  @Test
  void mapsEachExceptionAsDesignSection5Says() {
    assertEquals(400, HttpStatusMapper.status(new InvalidRequestException("x")));
    assertEquals(401, HttpStatusMapper.status(new UnauthenticatedException("x")));
    assertEquals(403, HttpStatusMapper.status(new PermissionDeniedException("x")));
    assertEquals(404, HttpStatusMapper.status(new NotFoundException("x")));
    assertEquals(413, HttpStatusMapper.status(new LimitExceededException("x")));
    assertEquals(503, HttpStatusMapper.status(new DataLossException("x")));
    assertEquals(500, HttpStatusMapper.status(new StorageException("x")));
    assertEquals(500, HttpStatusMapper.status(new StoreException("x")));
  }

  @Test
  void subclassesOfInvalidRequestAreClientErrorsToo() {
    InvalidRequestException nar =
        org.junit.jupiter.api.Assertions.assertThrows(
            InvalidRequestException.class, () -> NarInfo.parse("nonsense"));
    assertEquals(400, HttpStatusMapper.status(nar));
    assertTrue(InvalidRequestException.class.isAssignableFrom(InvalidNarException.class));
  }

  @Test
  void theReasonIsOneLineAndHidesInternalDetail() {
    assertEquals(
        "bad thing here\n",
        HttpStatusMapper.reason(new InvalidRequestException("bad\r\nthing\there")));
    assertEquals(
        "internal error, see the server log\n",
        HttpStatusMapper.reason(new StorageException("jdbc:secret failed")));
    String longReason = HttpStatusMapper.reason(new NotFoundException("x".repeat(5000)));
    assertTrue(longReason.length() < HttpStatusMapper.MAX_REASON + 5);
    assertTrue(longReason.endsWith("\n"));
  }
}
