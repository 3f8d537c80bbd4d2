/**
 * Scenario files for the allocator models into model.scenario.
 * <p>
 * Uses io.slabtrace.parser and io.slabtrace.model.
 */
package io.slabtrace.parser.scenario;
