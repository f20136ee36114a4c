/** HTTP plumbing every resource of this service shares: free-text search, ETags, the body limit. */
package dev.sightline.partnership.rest;
