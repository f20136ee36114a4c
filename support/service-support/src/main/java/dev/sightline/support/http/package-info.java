/**
 * The edge every service shares, in front of the REST layer: the request limits (request target, header section,
 * body) answered as RFC 9457 problems, and the response headers that keep browsers from sniffing, caching or framing
 * what the services send.
 */
package dev.sightline.support.http;
