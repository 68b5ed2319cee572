#!/usr/bin/python3
"""Fixture and reference values for `compare --repeats 3 --by species` (tests/cli).

Writes mixed.extxyz (12 frames of 5 atoms: C/H/O and C/H/N, frame info subset=a|b),
features_a.npy (60 x 6) and features_b.npy (60 x 5, a noisy non-linear map of a), and
expected.json: for the stratified test sets of 20 atoms by subset with seeds 4, 5, 6, the
pointwise GFRE/GFRD/LFRE of every ordered pair computed by shared/tools/ref_fre.py (an
independent numpy implementation), the per-species values sqrt(mean(pointwise^2)) over each
species' test atoms, and the mean / sample s.d. (ddof=1) over the three repeats.

The stratified split is re-implemented here from the README's description (largest
remainder quotas per label in text order, one numpy RandomState(seed) drawing a
permutation per label, test rows sorted).

Usage: python3 make_repeats_fixture.py --shared /path/to/shared   (needs numpy and ase)
"""
import argparse
import json
import math
import os
import sys
import types

import numpy as np
from ase import Atoms
from ase.io import write

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = [4, 5, 6]
TEST_SIZE = 20


def make_data():
    rng = np.random.RandomState(20261204)
    frames, subsets, species = [], [], []
    for f in range(12):
        symbols = ["C", "H", "H", "O", "H"] if f % 2 == 0 else ["C", "H", "N", "H", "H"]
        subset = "a" if f < 7 else "b"
        atoms = Atoms(symbols, positions=rng.normal(size=(5, 3)) * 1.5)
        atoms.info["subset"] = subset
        frames.append(atoms)
        subsets += [subset] * 5
        species += symbols
    a = rng.normal(size=(60, 6))
    b = np.tanh(a @ rng.normal(size=(6, 5))) + 0.1 * rng.normal(size=(60, 5))
    return frames, np.array(subsets), np.array(species), a, b


def stratified_split(labels, test_size, seed):
    n = len(labels)
    names = sorted(set(labels))
    rows = {name: np.flatnonzero(labels == name) for name in names}
    exact = {name: test_size * len(rows[name]) / n for name in names}
    take = {name: int(math.floor(exact[name])) for name in names}
    left = test_size - sum(take.values())
    by_remainder = sorted(names, key=lambda m: (-(exact[m] - take[m]), -len(rows[m]), m))
    for name in by_remainder[:left]:
        take[name] += 1
    state = np.random.RandomState(seed)
    test = []
    for name in names:
        perm = state.permutation(len(rows[name]))
        test += list(rows[name][perm[:take[name]]])
    test = np.sort(np.array(test))
    train = np.setdiff1d(np.arange(n), test)
    return train, test


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--shared", default=os.path.join(HERE, "../../../../../shared"))
    args = p.parse_args()
    sys.path.insert(0, os.path.join(args.shared, "tools"))
    import ref_fre

    frames, subsets, species, a, b = make_data()
    write(os.path.join(HERE, "mixed.extxyz"), frames, format="extxyz")
    np.save(os.path.join(HERE, "features_a.npy"), a)
    np.save(os.path.join(HERE, "features_b.npy"), b)
    sets = {"features_a": a, "features_b": b}
    names = list(sets)
    fitter = ref_fre.make_fitter(types.SimpleNamespace(
        regressor="ridge2fold", cv_seed=ref_fre.SKMATTER_SEED, alphas=np.geomspace(1e-9, 0.9, 20),
        reg_method="cutoff", alpha_type="relative"))
    groups = ["H", "C", "N", "O"]
    per_repeat = []  # [repeat][measure][source][target] = {"value", "groups": {...}, "n": {...}}
    for seed in SEEDS:
        train, test = stratified_split(subsets, TEST_SIZE, seed)
        result = {"test_indices": test.tolist()}
        for measure in ("gfre", "gfrd", "lfre"):
            result[measure] = {}
            for s in names:
                result[measure][s] = {}
                for t in names:
                    xtr, xte = ref_fre.flexible_scale(sets[s][train], sets[s][test])
                    ytr, yte = ref_fre.flexible_scale(sets[t][train], sets[t][test])
                    if measure == "gfre":
                        pw, _ = ref_fre.gfre(xtr, xte, ytr, yte, fitter)
                    elif measure == "gfrd":
                        pw, _ = ref_fre.gfrd(xtr, xte, ytr, yte, fitter)
                    else:
                        k = min(sets[s].shape[1], sets[t].shape[1])
                        pw, _ = ref_fre.lfre(xtr, xte, ytr, yte, fitter, k)
                    by = {}
                    for g in groups:
                        mask = species[test] == g
                        by[g] = float(np.sqrt(np.mean(pw[mask] ** 2))) if mask.any() else None
                    result[measure][s][t] = {"value": float(np.sqrt(np.mean(pw ** 2))), "by_species": by}
        result["n_test_by_species"] = {g: int((species[test] == g).sum()) for g in groups}
        per_repeat.append(result)

    def stats(values):
        v = np.array([x for x in values if x is not None])
        return float(v.mean()), (float(v.std(ddof=1)) if len(v) > 1 else None)

    expected = {"seeds": SEEDS, "test_size": TEST_SIZE, "repeats": per_repeat, "mean": {}, "std": {},
                "by_species_mean": {}, "by_species_std": {}}
    for measure in ("gfre", "gfrd", "lfre"):
        for key in ("mean", "std", "by_species_mean", "by_species_std"):
            expected[key][measure] = {s: {} for s in names}
        for s in names:
            for t in names:
                m, sd = stats([r[measure][s][t]["value"] for r in per_repeat])
                expected["mean"][measure][s][t], expected["std"][measure][s][t] = m, sd
                gm, gs = {}, {}
                for g in groups:
                    gm[g], gs[g] = stats([r[measure][s][t]["by_species"][g] for r in per_repeat])
                expected["by_species_mean"][measure][s][t] = gm
                expected["by_species_std"][measure][s][t] = gs
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
