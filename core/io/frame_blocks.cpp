#include "core/io/frame_blocks.h"

#include <cstring>
#include <filesystem>

#include "core/util/error.h"

namespace le {

namespace {

std::string structureFile(const Dataset& d) {
    return d.sourceFiles.empty() ? std::string("the structures")
                                 : std::filesystem::path(d.sourceFiles.front()).filename().string();
}

// Rows [row, row + rows) of `out` from a 3-D block read as (frames × atoms) × features.
template <typename Matrix>
void copyBlock(Matrix& out, Eigen::Index row, const NpyArray& block) {
    using Scalar = typename Matrix::Scalar;
    const long long n = block.elementCount();
    Scalar* target = out.data() + row * out.cols();
    if (sizeof(Scalar) == 8 && block.type == NpyType::Float64)
        std::memcpy(target, block.bytes.data(), std::size_t(n) * 8);
    else if (sizeof(Scalar) == 4 && block.type == NpyType::Float32)
        std::memcpy(target, block.bytes.data(), std::size_t(n) * 4);
    else
        for (long long i = 0; i < n; ++i) target[i] = Scalar(block.valueAt(i));
}

} // namespace

void checkFrameShapes(const Dataset& d, const std::vector<std::vector<long long>>& shapes, const std::string& source) {
    long long frames = 0, width = -1;
    std::string shapeList;
    for (const auto& shape : shapes) {
        if (shape.size() != 3)
            throw InputError(source, "", "expected a 3-D array (frames × atoms × features), got shape " + shapeText(shape));
        if (width >= 0 && shape[2] != width)
            throw InputError(source, "", "the systems have different feature widths (" + std::to_string(width) +
                                             " and " + std::to_string(shape[2]) + ")");
        width = shape[2];
        frames += shape[0];
        shapeList += (shapeList.empty() ? "" : " + ") + shapeText(shape);
    }
    if (frames != d.frameCount())
        throw InputError(source, "", "holds " + std::to_string(frames) + " frames (shape " + shapeList + ") but " +
                                         structureFile(d) + " has " + std::to_string(d.frameCount()) + " frames");
    long long frame = 0;
    for (const auto& shape : shapes)
        for (long long f = 0; f < shape[0]; ++f, ++frame) {
            const long long atoms = d.frames()[std::size_t(frame)].atomCount();
            if (atoms != shape[1])
                throw InputError(source, "", "frame " + std::to_string(frame + 1) + " has " + std::to_string(atoms) +
                                                 " atoms in " + structureFile(d) + " but " +
                                                 std::to_string(shape[1]) + " in " + source);
        }
}

std::variant<MatrixD, MatrixF> stackFrameBlocks(const Dataset& d, const std::vector<const NpyArray*>& blocks,
                                                const std::string& source) {
    std::vector<std::vector<long long>> shapes;
    bool single = true; // float32 (or float16) everywhere: stays single precision
    for (const NpyArray* b : blocks) {
        if (b->shape.size() == 3 && !b->isNumeric()) throw InputError(source, "", "expected numbers, got text");
        single = single && (b->type == NpyType::Float32 || b->type == NpyType::Float16);
        shapes.push_back(b->shape);
    }
    checkFrameShapes(d, shapes, source);
    const long long width = blocks.empty() ? 0 : blocks.front()->shape[2];
    auto fill = [&](auto matrix) -> std::variant<MatrixD, MatrixF> {
        Eigen::Index row = 0;
        for (const NpyArray* b : blocks) {
            copyBlock(matrix, row, *b);
            row += Eigen::Index(b->shape[0] * b->shape[1]);
        }
        return matrix;
    };
    if (single) return fill(MatrixF(d.atomCount(), Eigen::Index(width)));
    return fill(MatrixD(d.atomCount(), Eigen::Index(width)));
}

} // namespace le
