/**
 * HTTP plumbing every resource of this service shares: free-text search, ETags, the body limit, strict reading of
 * scalars, blank query parameters, no contact data in free text.
 */
package dev.sightline.partnership.rest;
