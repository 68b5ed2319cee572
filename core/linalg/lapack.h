#pragma once
// The LAPACK routines the metrics call, through their Fortran interface (OpenBLAS exports
// them; LP64, so 32-bit integers). Every routine takes the hidden lengths of its character
// arguments last, as gfortran passes them.
#include <cstddef>

extern "C" {
void dgesdd_(const char* jobz, const int* m, const int* n, double* a, const int* lda, double* s, double* u,
             const int* ldu, double* vt, const int* ldvt, double* work, const int* lwork, int* iwork, int* info,
             std::size_t jobzLength);
void dgebrd_(const int* m, const int* n, double* a, const int* lda, double* d, double* e, double* tauq,
             double* taup, double* work, const int* lwork, int* info);
// dgebrd's two halves: one panel of nb columns (returning the X and Y of its update) and
// the unblocked reduction.
void dlabrd_(const int* m, const int* n, const int* nb, double* a, const int* lda, double* d, double* e,
             double* tauq, double* taup, double* x, const int* ldx, double* y, const int* ldy);
void dgebd2_(const int* m, const int* n, double* a, const int* lda, double* d, double* e, double* tauq,
             double* taup, double* work, int* info);
void dbdsdc_(const char* uplo, const char* compq, const int* n, double* d, double* e, double* u, const int* ldu,
             double* vt, const int* ldvt, double* q, int* iq, double* work, int* iwork, int* info,
             std::size_t uploLength, std::size_t compqLength);
// dormbr modifies `a` while it runs and restores it on exit.
void dormbr_(const char* vect, const char* side, const char* trans, const int* m, const int* n, const int* k,
             double* a, const int* lda, const double* tau, double* c, const int* ldc, double* work,
             const int* lwork, int* info, std::size_t vectLength, std::size_t sideLength, std::size_t transLength);
// Singular values of a bidiagonal matrix (dqds, high relative accuracy), descending.
void dlasq1_(const int* n, double* d, double* e, double* work, int* info);
// Truncated least squares with a bidiagonal matrix (divide and conquer, compact form).
void dlalsd_(const char* uplo, const int* smlsiz, const int* n, const int* nrhs, double* d, double* e, double* b,
             const int* ldb, const double* rcond, int* rank, double* work, int* iwork, int* info,
             std::size_t uploLength);
// QR in compact-WY form (T of each block of nb reflectors returned), and Q or Qᵀ applied
// from it; dgemqrt only reads V and T.
void dgeqrt_(const int* m, const int* n, const int* nb, double* a, const int* lda, double* t, const int* ldt,
             double* work, int* info);
void dgemqrt_(const char* side, const char* trans, const int* m, const int* n, const int* k, const int* nb,
              const double* v, const int* ldv, const double* t, const int* ldt, double* c, const int* ldc,
              double* work, int* info, std::size_t sideLength, std::size_t transLength);
// Triangular-pentagonal QR (a QR built by row blocks): [A; B] = Q [R; 0] for an n × n upper
// triangle A and an m × n block B whose last l rows are upper trapezoidal (l = 0: a full block,
// l = n = m: another triangle); R overwrites A, the reflectors B, their compact-WY triangles T.
// dtpmqrt applies that Q or Qᵀ to a pair [C; D] (k × p over m × p) and only reads V and T.
void dtpqrt_(const int* m, const int* n, const int* l, const int* nb, double* a, const int* lda, double* b,
             const int* ldb, double* t, const int* ldt, double* work, int* info);
void dtpmqrt_(const char* side, const char* trans, const int* m, const int* n, const int* k, const int* l,
              const int* nb, const double* v, const int* ldv, const double* t, const int* ldt, double* a,
              const int* lda, double* b, const int* ldb, double* work, int* info, std::size_t sideLength,
              std::size_t transLength);
// Eigenvalues (ascending) and, with jobz 'V', eigenvectors of a symmetric matrix by divide and
// conquer; the vectors overwrite `a`.
void dsyevd_(const char* jobz, const char* uplo, const int* n, double* a, const int* lda, double* w, double* work,
             const int* lwork, int* iwork, const int* liwork, int* info, std::size_t jobzLength,
             std::size_t uploLength);
}
