/** The layers of a stack set and their order (a module of its own: the stacks and the checks both need it). */

/** The layer a stack belongs to. */
export type Layer = 'data' | 'cloud' | 'platform' | 'workloads';

/**
 * Deploy order of the layers: a stack may depend only on stacks of its own or an earlier layer, and
 * is destroyed before them.
 */
export const LAYER_ORDER: Readonly<Record<Layer, number>> = { data: 0, cloud: 1, platform: 2, workloads: 3 };
