/**
 * The services the portal shows, called over HTTP with the signed-in person's own access token ({@link
 * dev.sightline.portal.services.BearerToken}), or with none for their public endpoints. The services decide what
 * that person may see and do; an answer other than 2xx becomes a {@link dev.sightline.portal.services.ServiceProblem}
 * carrying the service's problem details.
 */
package dev.sightline.portal.services;
