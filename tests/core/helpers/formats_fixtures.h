#pragma once
// The fixtures of tests/data/formats (written by make_fixtures.py): their folder, the formula
// every feature value follows, and the message of a refused load.
#include <QString>

#include <string>
#include <vector>

#include "core/io/loader.h"
#include "core/util/error.h"

namespace le::test {

inline const std::string formatsDir = LE_TEST_DATA_DIR "/formats/";

// Frame f, atom a (its index inside the frame), column j.
inline double fixtureValue(long long f, long long a, long long j) {
    return 100.0 * double(f) + 10.0 * double(a) + double(j) / 2.0;
}

// The InputError message of loadDataset(paths), or "no error".
inline QString loadError(const std::vector<std::string>& paths) {
    try {
        loadDataset(paths);
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return "no error";
}

} // namespace le::test
