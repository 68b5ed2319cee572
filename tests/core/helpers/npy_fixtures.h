#pragma once
// The .npy fixtures of tests/data/io (written by make_fixtures.py): their folder, the 2 × 3
// matrix most of them hold (m23[i][j] = (3i + j) / 2), and the message of a refused read.
#include <QtTest>

#include <string>

#include "core/dataset/feature_set.h"
#include "core/util/error.h"

namespace le::test {

inline const std::string npyFixtureDir = LE_TEST_DATA_DIR "/io/";

inline void expectM23(const MatrixD& m) {
    QCOMPARE(m.rows(), Eigen::Index(2));
    QCOMPARE(m.cols(), Eigen::Index(3));
    for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 3; ++j) QCOMPARE(m(i, j), (3 * i + j) / 2.0);
}

// The InputError message of f(), or "" when it did not throw one.
template <class F> std::string inputErrorOf(F&& f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

} // namespace le::test
