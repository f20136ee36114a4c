/** Which countries the law names: countries of concern, and the regions a market may name. */
package dev.sightline.partnership.jurisdictions;
