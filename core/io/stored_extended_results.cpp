#include "core/io/stored_extended_results.h"

#include <algorithm>
#include <limits>
#include <type_traits>

#include "core/util/error.h"

namespace le {

void storeExtendedResults(const AllPairsResult& r, StoredResult& stored) {
    auto vector = [](const auto& values) {
        MatrixD c(Eigen::Index(values.size()), 1);
        for (std::size_t i = 0; i < values.size(); ++i) c(Eigen::Index(i), 0) = double(values[i]);
        return c;
    };
    if (!r.intrinsicDimension.empty()) stored.arrays["intrinsic_dimension"] = vector(r.intrinsicDimension);
    if (!r.kernelGamma.empty()) stored.arrays["kgfre_gamma"] = vector(r.kernelGamma);
    if (!r.kernelRank.empty()) stored.arrays["kgfre_rank"] = vector(r.kernelRank);
    if (!r.modelMap) return;
    stored.arrays["model_map_mds"] = r.modelMap->coordinates;
    stored.arrays["model_map_mds_eigenvalues"] = r.modelMap->eigenvalues;
    MatrixD merges(Eigen::Index(r.modelMap->merges.size()), 4);
    for (std::size_t i = 0; i < r.modelMap->merges.size(); ++i) {
        const DendrogramMerge& m = r.modelMap->merges[i];
        merges.row(Eigen::Index(i)) << m.left, m.right, m.height, m.size;
    }
    stored.arrays["model_map_dendrogram"] = merges;
}

void restoreExtendedResults(const StoredResult& stored, const std::string& file, AllPairsResult& r) {
    const auto n = Eigen::Index(r.names.size());
    auto perSet = [&](const char* name, auto& into) {
        auto it = stored.arrays.find(name);
        if (it == stored.arrays.end()) return;
        if (it->second.size() != n)
            throw InputError(file, "/results/" + stored.name + "/" + name, "expected one value per model");
        into.clear();
        for (Eigen::Index i = 0; i < n; ++i) into.push_back(static_cast<typename std::decay_t<decltype(into)>::value_type>(it->second.data()[i]));
    };
    perSet("intrinsic_dimension", r.intrinsicDimension);
    perSet("kgfre_gamma", r.kernelGamma);
    perSet("kgfre_rank", r.kernelRank);
    auto mds = stored.arrays.find("model_map_mds");
    auto tree = stored.arrays.find("model_map_dendrogram");
    if (mds == stored.arrays.end() || tree == stored.arrays.end()) return;
    const std::string where = "/results/" + stored.name + "/model_map_";
    if (mds->second.rows() != n || mds->second.cols() != 2)
        throw InputError(file, where + "mds", "expected n × 2 coordinates");
    if (tree->second.rows() != std::max<Eigen::Index>(n - 1, 0) || tree->second.cols() != 4)
        throw InputError(file, where + "dendrogram", "expected (n − 1) × 4 merges");
    ModelMap map;
    map.coordinates = mds->second;
    map.eigenvalues.setConstant(std::numeric_limits<double>::quiet_NaN());
    auto eig = stored.arrays.find("model_map_mds_eigenvalues");
    if (eig != stored.arrays.end() && eig->second.size() == 2) map.eigenvalues << eig->second.data()[0], eig->second.data()[1];
    for (Eigen::Index i = 0; i < tree->second.rows(); ++i) {
        const auto row = tree->second.row(i);
        const int left = int(row(0)), right = int(row(1));
        if (left < 0 || right < 0 || left >= n + i || right >= n + i || row(0) != left || row(1) != right)
            throw InputError(file, where + "dendrogram", "merge " + std::to_string(i) + " names a cluster that does not exist yet");
        map.merges.push_back({left, right, row(2), int(row(3))});
    }
    r.modelMap = std::move(map);
}

} // namespace le
