import { checkLayout, closestFit, formatLayout, MigGpuSpec, MIG_GPUS, MIG_GPU_MODELS, migProfileNames, place, validateMigLayout } from '../../../src/compute/mig';

/** Every layout (profile → count ≤ max) of a GPU, empty one excluded. */
function allLayouts(spec: MigGpuSpec): Record<string, number>[] {
  const out: Record<string, number>[] = [];
  const counts = spec.profiles.map(() => 0);
  const visit = (i: number): void => {
    if (i === spec.profiles.length) {
      const layout: Record<string, number> = {};
      spec.profiles.forEach((p, k) => counts[k] > 0 && (layout[p.name] = counts[k]));
      if (Object.keys(layout).length > 0) out.push(layout);
      return;
    }
    for (let n = 0; n <= spec.profiles[i].maxCount; n++) {
      counts[i] = n;
      visit(i + 1);
    }
    counts[i] = 0;
  };
  visit(0);
  return out;
}

describe('MIG profile tables', () => {
  test('profile names per GPU, largest first', () => {
    expect(Object.fromEntries(MIG_GPU_MODELS.map((m) => [m, migProfileNames(m)]))).toEqual({
      'A100-40GB': ['7g.40gb', '4g.20gb', '3g.20gb', '2g.10gb', '1g.10gb', '1g.5gb', '1g.5gb+me'],
      'A100-80GB': ['7g.80gb', '4g.40gb', '3g.40gb', '2g.20gb', '1g.20gb', '1g.10gb', '1g.10gb+me'],
      A30: ['4g.24gb', '2g.12gb', '2g.12gb+me', '1g.6gb', '1g.6gb+me'],
      'H100-80GB': ['7g.80gb', '4g.40gb', '3g.40gb', '2g.20gb', '1g.20gb', '1g.10gb', '1g.10gb+me'],
      'H100-NVL-94GB': ['7g.94gb', '4g.47gb', '3g.47gb', '2g.24gb', '1g.24gb', '1g.12gb', '1g.12gb+me'],
      'H200-141GB': ['7g.141gb', '4g.71gb', '3g.71gb', '2g.35gb', '1g.35gb', '1g.18gb', '1g.18gb+me'],
      B200: ['7g.180gb', '4g.90gb', '3g.90gb', '2g.45gb', '1g.45gb', '1g.23gb', '1g.23gb+me'],
    });
  });

  test('A100 40GB slices, counts and placements (nvidia-smi mig -lgipp)', () => {
    const rows = MIG_GPUS['A100-40GB'].profiles.map((p) => [p.name, p.computeSlices, p.memorySlices, p.maxCount, p.starts.join(',')]);
    expect(rows).toEqual([
      ['7g.40gb', 7, 8, 1, '0'],
      ['4g.20gb', 4, 4, 1, '0'],
      ['3g.20gb', 3, 4, 2, '0,4'],
      ['2g.10gb', 2, 2, 3, '0,2,4'],
      ['1g.10gb', 1, 2, 4, '0,2,4,6'],
      ['1g.5gb', 1, 1, 7, '0,1,2,3,4,5,6'],
      ['1g.5gb+me', 1, 1, 1, '0,1,2,3,4,5,6'],
    ]);
    expect([MIG_GPUS['A100-40GB'].computeSlices, MIG_GPUS['A100-40GB'].memorySlices]).toEqual([7, 8]);
  });

  test('A30 has 4 compute and 4 memory slices', () => {
    const a30 = MIG_GPUS.A30;
    expect([a30.computeSlices, a30.memorySlices]).toEqual([4, 4]);
    expect(a30.profiles.map((p) => [p.name, p.computeSlices, p.memorySlices, p.maxCount, p.starts.join(',')])).toEqual([
      ['4g.24gb', 4, 4, 1, '0'],
      ['2g.12gb', 2, 2, 2, '0,2'],
      ['2g.12gb+me', 2, 2, 1, '0,2'],
      ['1g.6gb', 1, 1, 4, '0,1,2,3'],
      ['1g.6gb+me', 1, 1, 1, '0,1,2,3'],
    ]);
  });

  test('every 7-slice GPU has the A100 geometry (same sizes, counts and starts per position)', () => {
    const geometry = (m: (typeof MIG_GPU_MODELS)[number]) => MIG_GPUS[m].profiles.map((p) => [p.computeSlices, p.memorySlices, p.maxCount, p.starts, p.mediaExtensions]);
    for (const m of ['A100-80GB', 'H100-80GB', 'H100-NVL-94GB', 'H200-141GB', 'B200'] as const) expect(geometry(m)).toEqual(geometry('A100-40GB'));
  });
});

describe('validateMigLayout', () => {
  test('accepts all-balanced on an H100 80GB and places it as nvidia-smi does (2g@0, 1g@2, 1g@3, 3g@4)', () => {
    expect(validateMigLayout('H100-80GB', { '3g.40gb': 1, '2g.20gb': 1, '1g.10gb': 2 })).toEqual({
      ok: true,
      placements: [
        { profile: '2g.20gb', start: 0, size: 2 },
        { profile: '1g.10gb', start: 2, size: 1 },
        { profile: '1g.10gb', start: 3, size: 1 },
        { profile: '3g.40gb', start: 4, size: 4 },
      ],
    });
  });

  test.each([
    ['A100-40GB', { '7g.40gb': 1 }],
    ['A100-40GB', { '4g.20gb': 1, '3g.20gb': 1 }],
    ['A100-40GB', { '4g.20gb': 1, '2g.10gb': 1, '1g.5gb': 1 }],
    ['A100-40GB', { '2g.10gb': 3, '1g.10gb': 1 }],
    ['A100-40GB', { '1g.5gb+me': 1, '1g.5gb': 6 }],
    ['A100-80GB', { '1g.20gb': 4 }],
    ['H100-80GB', { '3g.40gb': 2 }],
    ['H100-NVL-94GB', { '4g.47gb': 1, '1g.24gb': 2 }],
    ['H200-141GB', { '3g.71gb': 1, '2g.35gb': 2 }],
    ['B200', { '1g.23gb': 7 }],
    ['A30', { '2g.12gb': 1, '1g.6gb': 2 }],
    ['A30', { '2g.12gb+me': 1, '2g.12gb': 1 }],
  ] as const)('%s accepts %j', (gpu, layout) => {
    expect(validateMigLayout(gpu, layout).ok).toBe(true);
  });

  test.each([
    [
      'H100-80GB',
      { '3g.40gb': 2, '1g.10gb': 1 },
      'layout {3g.40gb: 2, 1g.10gb: 1} does not fit an H100 80GB (memory slices 9 > 8); drop 1 × 1g.10gb; {3g.40gb: 2} fits',
    ],
    [
      // The example p4d layout: two 3g.20gb take all 8 memory slices of an A100 40GB.
      'A100-40GB',
      { '3g.20gb': 2, '1g.5gb': 1 },
      'layout {3g.20gb: 2, 1g.5gb: 1} does not fit an A100 40GB (memory slices 9 > 8); drop 1 × 1g.5gb; {3g.20gb: 2} fits',
    ],
    [
      'A100-40GB',
      { '4g.20gb': 1, '2g.10gb': 2 },
      'layout {4g.20gb: 1, 2g.10gb: 2} does not fit an A100 40GB (compute slices 8 > 7); drop 1 × 2g.10gb; {4g.20gb: 1, 2g.10gb: 1} fits',
    ],
    [
      'A100-80GB',
      { '4g.40gb': 2 },
      'layout {4g.40gb: 2} does not fit an A100 80GB (at most 1 × 4g.40gb per GPU, 2 given, compute slices 8 > 7); drop 1 × 4g.40gb; {4g.40gb: 1} fits',
    ],
    [
      'H200-141GB',
      { '7g.141gb': 1, '1g.18gb': 1 },
      'layout {7g.141gb: 1, 1g.18gb: 1} does not fit an H200 141GB (compute slices 8 > 7, memory slices 9 > 8); drop 1 × 1g.18gb; {7g.141gb: 1} fits',
    ],
    [
      'B200',
      { '1g.23gb+me': 2 },
      'layout {1g.23gb+me: 2} does not fit a B200 (at most 1 × 1g.23gb+me per GPU, 2 given); drop 1 × 1g.23gb+me and add 6 × 1g.23gb; {1g.23gb: 6, 1g.23gb+me: 1} fits',
    ],
    [
      'A30',
      { '2g.12gb': 2, '1g.6gb': 1 },
      'layout {2g.12gb: 2, 1g.6gb: 1} does not fit an A30 (compute slices 5 > 4, memory slices 5 > 4); drop 1 × 1g.6gb; {2g.12gb: 2} fits',
    ],
    [
      'H100-80GB',
      { '3g.20gb': 1 },
      'layout {3g.20gb: 1} names 3g.20gb, which is not a MIG profile of an H100 80GB; use 3g.40gb (the 3-slice profile of the H100 80GB); its profiles are 7g.80gb, 4g.40gb, 3g.40gb, 2g.20gb, 1g.20gb, 1g.10gb, 1g.10gb+me',
    ],
    [
      'A30',
      { '7g.24gb': 1 },
      'layout {7g.24gb: 1} names 7g.24gb, which is not a MIG profile of an A30; use one of its profiles: 4g.24gb, 2g.12gb, 2g.12gb+me, 1g.6gb, 1g.6gb+me',
    ],
    ['A100-40GB', { '1g.5gb': 0 }, 'layout {1g.5gb: 0} gives 1g.5gb a count of 0; give each profile a whole number of instances per GPU (at least 1), or leave it out'],
    ['A100-40GB', { '1g.5gb': 1.5 }, 'layout {1g.5gb: 1.5} gives 1g.5gb a count of 1.5; give each profile a whole number of instances per GPU (at least 1), or leave it out'],
    ['B200', {}, 'layout {} is empty; give at least one profile per GPU, e.g. {7g.180gb: 1}'],
    [
      'A30',
      { '2g.12gb+me': 1, '1g.6gb+me': 1 },
      "layout {2g.12gb+me: 1, 1g.6gb+me: 1} does not fit an A30 (media-extension instances 2 > 1: every +me profile takes the GPU's one JPEG decoder and OFA); drop 1 × 1g.6gb+me and add 1 × 2g.12gb; {2g.12gb: 1, 2g.12gb+me: 1} fits",
    ],
  ] as const)('%s rejects %j', (gpu, layout, message) => {
    const check = validateMigLayout(gpu, layout);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.message).toBe(message);
  });

  test('the suggestion of a rejected layout is itself accepted', () => {
    const check = validateMigLayout('A100-40GB', { '4g.20gb': 1, '2g.10gb': 2 });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.suggestion).toEqual({ '4g.20gb': 1, '2g.10gb': 1 });
    expect(validateMigLayout('A100-40GB', check.suggestion!).ok).toBe(true);
  });

  test('formatLayout keeps the order given', () => {
    expect(formatLayout({ '1g.10gb': 2, '3g.40gb': 1 })).toBe('{1g.10gb: 2, 3g.40gb: 1}');
  });
});

describe('placement search', () => {
  test.each(MIG_GPU_MODELS.map((m) => [m]))('%s: every layout within the slice totals and counts has a valid placement', (model) => {
    const spec = MIG_GPUS[model];
    let accepted = 0;
    for (const layout of allLayouts(spec)) {
      const entries = Object.entries(layout).map(([name, n]) => [spec.profiles.find((p) => p.name === name)!, n] as const);
      const compute = entries.reduce((s, [p, n]) => s + p.computeSlices * n, 0);
      const memory = entries.reduce((s, [p, n]) => s + p.memorySlices * n, 0);
      const placements = place(spec, layout);
      const media = entries.filter(([p]) => p.mediaExtensions).reduce((s, [, n]) => s + n, 0);
      const fitsTotals = compute <= spec.computeSlices && memory <= spec.memorySlices && media <= spec.mediaExtensionSlots;
      // On NVIDIA's published geometries the slice totals (and the one set of media engines) decide; the search proves each one.
      expect({ layout, placed: placements !== undefined }).toEqual({ layout, placed: fitsTotals });
      if (!placements) continue;
      accepted++;
      const used = new Set<number>();
      for (const pl of placements) {
        const p = spec.profiles.find((x) => x.name === pl.profile)!;
        expect(p.starts).toContain(pl.start);
        for (let s = pl.start; s < pl.start + pl.size; s++) {
          expect(used.has(s)).toBe(false);
          used.add(s);
        }
      }
    }
    // A30: 21 layouts fit the slices, 2 of them hold both +me profiles ({2g.12gb+me, 1g.6gb+me} with and without a 1g.6gb).
    expect(accepted).toBe(model === 'A30' ? 19 : 127);
  });

  // A geometry where offsets, not totals, decide: two 2-slice profiles that may only start at 0.
  const ALIGNED: MigGpuSpec = {
    model: 'A100-40GB',
    displayName: 'Test GPU',
    computeSlices: 4,
    memorySlices: 4,
    deviceIds: [],
    mediaExtensionSlots: 1,
    profiles: [
      { name: '2g.a', computeSlices: 2, memorySlices: 2, maxCount: 1, starts: [0], mediaExtensions: false },
      { name: '2g.b', computeSlices: 2, memorySlices: 2, maxCount: 1, starts: [0, 2], mediaExtensions: false },
      { name: '1g.c', computeSlices: 1, memorySlices: 1, maxCount: 4, starts: [0, 1, 2, 3], mediaExtensions: false },
    ],
  };

  test('a layout whose totals fit but whose offsets collide is rejected with the placement rules', () => {
    expect(checkLayout(ALIGNED, { '2g.a': 1, '2g.b': 1 }).ok).toBe(true);
    const strict: MigGpuSpec = { ...ALIGNED, profiles: ALIGNED.profiles.map((p) => (p.name === '2g.b' ? { ...p, starts: [0] } : p)) };
    const check = checkLayout(strict, { '2g.a': 1, '2g.b': 1 });
    expect(check.ok).toBe(false);
    expect(!check.ok && check.message).toBe(
      'layout {2g.a: 1, 2g.b: 1} cannot be placed on a Test GPU: the slices add up, but no arrangement avoids overlaps: 2g.a (2 memory slices) starts only at 0; 2g.b (2 memory slices) starts only at 0; drop 1 × 2g.b; {2g.a: 1} fits',
    );
  });

  test('closestFit keeps the requested profiles first', () => {
    expect(closestFit(MIG_GPUS['H100-80GB'], { '3g.40gb': 2, '1g.10gb': 1 })).toEqual({ '3g.40gb': 2 });
  });
});
