#if os(Linux)
  /// glibc's `int mallopt(int param, int value)` (declared in malloc.h, which the Glibc
  /// module does not export).
  @_silgen_name("mallopt")
  private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif

/// Allocator settings for large data on Linux.
///
/// glibc serves every allocation above its mmap threshold (128 KiB, adapting up to
/// 32 MiB) with a fresh `mmap` and returns it to the system on `free`, so each temporary
/// column or matrix of a million-row model is paid for again in page faults (measured:
/// 2.6 million faults and 13 s of system time for the issue-8 workload). Keeping large
/// blocks in the heap and not trimming it lets freed memory be reused; the peak resident
/// memory is what the computation needs at its largest either way.
public enum MemoryTuning {
  /// Applies the settings once, before any large allocation.
  public static func configureForLargeData() {
    #if os(Linux)
      _ = glibcMallopt(-3, 1 << 30)  // M_MMAP_THRESHOLD: 1 GiB, so large blocks come from the heap
      _ = glibcMallopt(-1, 1 << 30)  // M_TRIM_THRESHOLD: keep up to 1 GiB of freed heap
      _ = glibcMallopt(-2, 64 << 20)  // M_TOP_PAD: grow the heap 64 MiB at a time
    #endif
  }
}
