package dev.jk8s.apiserver.registry;

import dev.jk8s.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A list's continue token: the revision the first page was read at and the key to go on from,
 * so that every page of one list is a consistent snapshot. Opaque to clients.
 */
record ContinueToken(long revision, String nextKey) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((revision + ":" + nextKey).getBytes(StandardCharsets.UTF_8));
    }

    static ContinueToken decode(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = s.indexOf(':');
            return new ContinueToken(Long.parseLong(s.substring(0, colon)), s.substring(colon + 1));
        } catch (RuntimeException e) {
            throw ApiException.badRequest("the continue token \"" + token
                    + "\" is malformed; pass back exactly the token of the previous page, or list from the start");
        }
    }
}
