package io.wafleet.server.ops;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * {@code GET /health} for Railway's deploy check: public and minimal. Only unwritable storage makes it DOWN;
 * disconnected accounts never do, or the platform would restart a healthy process in a loop.
 */
@RestController
public class HealthController {

    private final StorageHealth storage;

    public HealthController(StorageHealth storage) {
        this.storage = storage;
    }

    @GetMapping("/health")
    public ResponseEntity<Map<String, Object>> health() {
        boolean writable = storage.writable();
        return ResponseEntity.status(writable ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .cacheControl(CacheControl.noStore())
                .body(Map.of("status", writable ? "UP" : "DOWN", "storage", Map.of("writable", writable)));
    }
}
