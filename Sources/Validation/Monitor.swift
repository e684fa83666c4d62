#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One lock with several conditions, so that a change wakes only the threads waiting for it
/// (an `NSCondition` has one: every change would wake the reader, the workers and the consumer).
final class Monitor: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let conditions: UnsafeMutablePointer<pthread_cond_t>
    private let count: Int

    init(conditions count: Int) {
        self.count = count
        conditions = .allocate(capacity: count)
        pthread_mutex_init(mutex, nil)
        for index in 0..<count { pthread_cond_init(conditions + index, nil) }
    }

    deinit {
        for index in 0..<count { pthread_cond_destroy(conditions + index) }
        pthread_mutex_destroy(mutex)
        conditions.deallocate()
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
    /// Waits on condition `index`; the lock must be held.
    func wait(_ index: Int) { pthread_cond_wait(conditions + index, mutex) }
    func signal(_ index: Int) { pthread_cond_signal(conditions + index) }
    func broadcast(_ index: Int) { pthread_cond_broadcast(conditions + index) }
    func broadcastAll() { for index in 0..<count { broadcast(index) } }
}
