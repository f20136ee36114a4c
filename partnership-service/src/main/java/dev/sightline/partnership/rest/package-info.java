/** HTTP plumbing every resource shares: list cursors and page size, free-text search, ETags, the body limit. */
package dev.sightline.partnership.rest;
