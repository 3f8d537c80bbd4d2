#!/usr/bin/env python3
"""Independent strict figure: every cache with events in the trace (kmem_cache_* name=, kmalloc by bytes_alloc and
GFP family) that the after snapshot lists; within max(ceil(1% of after active_objs), objperslab) of after active_objs.
Prediction: the tool's JSON caches[].predicted.active_objs (a traced cache the tool does not predict is a miss).
Also prints, per cache, the naive count before+allocs-frees (pointer-level) for diagnosis.
-n compares with that naive count: how many caches it puts within the same bound, and where only one of the two is.
usage: strict.py TRACE BEFORE AFTER REPLAY.json [-v] [-c] [-n]"""
import sys, json, re
trace, before, after, rj = sys.argv[1:5]
verbose = '-v' in sys.argv
def slabinfo(p):
    d = {}
    for l in open(p):
        if l.startswith('slabinfo') or l.startswith('#'): continue
        f = l.split()
        d.setdefault(f[0], (int(f[1]), int(f[2]), int(f[4])))  # active, num, objperslab
    return d
B, A = slabinfo(before), slabinfo(after)
def kname(size, gfp):
    fam, flags = 'kmalloc-', gfp.split('|')
    if '__GFP_DMA' in flags or 'GFP_DMA' in flags: fam = 'dma-kmalloc-'
    elif 'RECLAIMABLE' in gfp: fam = 'kmalloc-rcl-'
    elif 'ACCOUNT' in gfp: fam = 'kmalloc-cg-'
    s = str(size // 1024) + 'k' if size >= 1024 and size % 1024 == 0 else str(size)
    return fam + s
traced = {}
allocs, frees, live, cacheof, prefrees, reuse = {}, {}, {}, {}, {}, {}
stray = 0
rx = re.compile(r'\s(kmem_cache_alloc|kmem_cache_free|kmalloc|kfree): (.*)')
for l in open(trace, errors='replace'):
    m = rx.search(l)
    if not m: continue
    ev, rest = m.group(1), m.group(2)
    kv = dict(x.split('=', 1) for x in rest.split() if '=' in x)
    ptr = kv.get('ptr')
    if ev in ('kmem_cache_alloc', 'kmalloc'):
        if ptr in (None, '0000000000000000', '(null)'): continue
        if ev == 'kmalloc':
            size = int(kv['bytes_alloc'])
            if size > 8192: continue
            c = kname(size, kv.get('gfp_flags', ''))
            if c not in A and c not in B: c = 'kmalloc-' + c.split('-')[-1]
        else:
            c = kv['name']
        traced[c] = traced.get(c, 0) + 1
        allocs[c] = allocs.get(c, 0) + 1
        if ptr in live:
            reuse[live[ptr]] = reuse.get(live[ptr], 0) + 1
        live[ptr] = c
    else:
        if ptr in (None, '0000000000000000', '(null)'): continue
        c = live.pop(ptr, None)
        if c is None:
            if ev == 'kmem_cache_free':
                c = kv['name']; prefrees[c] = prefrees.get(c, 0) + 1
            else:
                stray += 1; continue
        if ev == 'kmem_cache_free': traced[c] = traced.get(c, 0) + 1
        frees[c] = frees.get(c, 0) + 1
R = {c['name']: c for c in json.load(open(rj))['caches']}
n = ok = 0
rows = []
for c in sorted(traced):
    if c not in A: continue
    n += 1
    act, num, ops = A[c]
    bound = max((act + 99) // 100, ops)
    pred = R[c]['predicted']['active_objs'] if c in R else None
    good = pred is not None and abs(pred - act) <= bound
    ok += good
    b = B.get(c, (0, 0, 0))[0]
    naive = b + allocs.get(c, 0) - frees.get(c, 0) - reuse.get(c, 0)
    rows.append((good, c, b, act, pred, bound, allocs.get(c, 0), frees.get(c, 0), prefrees.get(c, 0), reuse.get(c, 0), naive - act))
print(f"strict: {ok}/{n} = {100*ok/n:.1f}%   (stray kfree of unknown pointers: {stray}; tool accuracy: {json.load(open(rj))['accuracy']['within_strict']}/{json.load(open(rj))['accuracy']['compared']})")
if '-c' in sys.argv:
    cat = {}
    for r in rows:
        if r[0]: continue
        good, c, b, act, pred, bound, a, f, pf, ru, nm = r
        if ru >= 2: k = 'untraced-frees(reuse)'
        elif abs(nm) > bound and c.startswith(('kmalloc', 'dma-kmalloc')): k = 'counts-gap-kmalloc'
        elif abs(nm) > bound: k = 'counts-gap(snapshot/untraced-alloc/stray)'
        else: k = 'model(start/per-cpu)'
        cat.setdefault(k, []).append(c)
    for k, v in sorted(cat.items()): print(f"   {k}: {len(v)} {' '.join(v)}")
if '-n' in sys.argv:
    naive_ok = [r for r in rows if abs(r[10]) <= r[5]]
    print(f"   naive before+net: {len(naive_ok)}/{n}, both {sum(1 for r in naive_ok if r[0])}")
    for r in rows:
        if (abs(r[10]) <= r[5]) != r[0]:
            print(f"   {'model only' if r[0] else 'naive only'}: {r[1]} (model {None if r[4] is None else r[4] - r[3]:+}, naive {r[10]:+}, bound {r[5]})")
if verbose:
    print(f"{'cache':28} {'before':>8} {'after':>8} {'pred':>8} {'miss':>7} {'bound':>6} {'allocs':>7} {'frees':>7} {'prefree':>7} {'reuse':>6} {'naive-after':>11}")
    for r in rows:
        if not r[0]:
            miss = None if r[4] is None else r[4] - r[3]
            print(f"{r[1]:28} {r[2]:8} {r[3]:8} {str(r[4]):>8} {str(miss):>7} {r[5]:6} {r[6]:7} {r[7]:7} {r[8]:7} {r[9]:6} {r[10]:11}")
