#pragma once
// Small AllPairsResult values written by hand for the heatmap, export and window tests.
#include <memory>

#include "core/dataset/dataset.h"
#include "core/metrics/all_pairs.h"

namespace le::test {

// Three frames: CH4 (atoms 0–4), H2O (atoms 5–7) and a lone C (atom 8); handMadeResult's test
// rows 1 3 5 7 8 are H H O H C.
inline std::shared_ptr<const Dataset> handMadeDataset() {
    Dataset d;
    for (const std::vector<int>& species : {std::vector<int>{6, 1, 1, 1, 1}, {8, 1, 1}, {6}}) {
        Frame f;
        f.species = species;
        f.positions = Positions::Zero(Eigen::Index(species.size()), 3);
        d.addFrame(std::move(f));
    }
    return std::make_shared<const Dataset>(std::move(d));
}

// `frames` frames of four atoms C H H O at the origin (species only matter), for tests that add
// their own feature sets.
inline Dataset formaldehydeLikeFrames(int frames) {
    Dataset d;
    for (int f = 0; f < frames; ++f) {
        Frame frame;
        frame.species = {6, 1, 1, 8};
        frame.positions = Positions::Zero(4, 3);
        d.addFrame(std::move(frame));
    }
    return d;
}

// Three models A, B, C; GFRE and LFRE set, GFRD as given, pointwise values for A → B.
inline AllPairsResult handMadeResult() {
    AllPairsResult r;
    r.names = {"MACE", "PET", "UMA"};
    Eigen::MatrixXd gfre(3, 3), lfre(3, 3), gfrd(3, 3);
    gfre << 0.0, 0.4242, 0.05, 0.95, 0.0, 0.555, 0.3, 0.7, 0.0;
    lfre << 0.0, 0.31, 0.02, 0.88, 0.0, 0.5, 0.2, 0.6, 0.0;
    gfrd << 0.0, 0.1, 0.2, 0.3, 0.0, 0.4, 0.5, 0.6, 0.0;
    r.matrices[Measure::GFRE] = gfre;
    r.matrices[Measure::LFRE] = lfre;
    r.matrices[Measure::GFRD] = gfrd;
    r.trainIndices = {0, 2, 4, 6};
    r.testIndices = {1, 3, 5, 7, 8};
    for (Measure m : {Measure::GFRE, Measure::GFRD, Measure::LFRE}) {
        r.pairs[m].assign(3, std::vector<PairMeasure>(3));
        for (int s = 0; s < 3; ++s)
            for (int t = 0; t < 3; ++t) r.pairs[m][s][t].value = r.matrices[m](s, t);
    }
    PairMeasure& ab = r.pairs[Measure::GFRE][0][1];
    ab.pointwise.resize(5);
    ab.pointwise << 0.1, 0.9, 0.3, 0.5, 0.2;
    ab.chosenRelativeAlpha = 1e-6;
    ab.keptSingularValues = 7;
    return r;
}

} // namespace le::test
