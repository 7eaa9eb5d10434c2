package io.ept.cluster;

import io.ept.fabric.FabricRepository;
import io.ept.platform.Infrastructure;
import io.ept.platform.config.ClusterConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import org.bson.Document;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs each fabric's subscriber on exactly one node. Every renewal period (a quarter lease) this node beats, renews
 * the leases it holds, and takes or gives up leases as {@link LeasePlan} decides; the {@link FabricSubscribers}
 * (the fabric manager) starts a subscriber only when a lease is taken and stops it when it is given up or lost.
 *
 * <p>A watchdog that does no I/O checks several times a second whether a held lease has outlived what this node
 * may assume of it ({@link LeaseTerms#holderValidityMillis()} since the last confirmed renewal was sent): a node cut
 * off from the store, or one whose renewals hang, stops its subscribers before any other node can take them.
 */
@Singleton
@Startup
@DependsOn({"Infrastructure", "NodeRegistry"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // leases are single-document updates, not transactional
public class FabricOwnership {

    private static final Logger LOG = Logger.getLogger(FabricOwnership.class.getName());
    private static final long WATCHDOG_MILLIS = 200;

    @Inject
    Infrastructure infrastructure;

    @Inject
    NodeRegistry nodes;

    @Inject
    FabricRepository fabrics;

    @Inject
    ClusterConfig config;

    @Inject
    FabricSubscribers subscribers;

    @Resource
    TimerService timers;

    /** Builds the watchdog's own thread: it must keep running while the server suspends for shutdown. */
    @Resource
    ManagedThreadFactory threadFactory;

    /** A lease this node holds, and until when (System.nanoTime) it may act on it. */
    private record Held(FabricLease lease, long validUntilNanos) {
    }

    private final Map<String, Held> held = new ConcurrentHashMap<>();
    /** Fabrics whose lease this node is taking right now (by the timer, or a user's start). */
    private final Set<String> taking = ConcurrentHashMap.newKeySet();
    private final ReentrantLock ticking = new ReentrantLock();
    LeaseTerms terms;
    private ScheduledExecutorService watchdog;
    private volatile boolean shuttingDown;
    private volatile long lastFailureLogged;

    @PostConstruct
    void init() {
        terms = LeaseTerms.forFailover(config.failoverSeconds);
        timers.createIntervalTimer(1000, terms.renewMillis(), new TimerConfig("fabric leases", false));
        watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = threadFactory.newThread(runnable);
            thread.setName("ept-lease-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleAtFixedRate(this::checkDeadlines, WATCHDOG_MILLIS, WATCHDOG_MILLIS, TimeUnit.MILLISECONDS);
        LOG.info(() -> "node " + nodes.nodeId() + ": fabric leases of " + terms.leaseMillis() + " ms, renewed every "
                + terms.renewMillis() + " ms");
    }

    @PreDestroy
    void shutdown() {
        shuttingDown = true;
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        // the fabric manager, destroyed first (it depends on this bean), has stopped its subscribers already
        for (String fabric : List.copyOf(held.keySet())) {
            release(fabric, "node " + nodes.nodeId() + " shut down");
        }
    }

    public LeaseTerms terms() {
        return terms;
    }

    public String nodeId() {
        return nodes.nodeId();
    }

    /** Whether this node holds the fabric's lease and may still act on it. */
    public boolean holds(String fabric) {
        Held h = held.get(fabric);
        return h != null && System.nanoTime() < h.validUntilNanos();
    }

    /** The fencing token of the lease this node holds for the fabric, or 0. */
    public long token(String fabric) {
        Held h = held.get(fabric);
        return h == null ? 0 : h.lease().token();
    }

    /** Whether work stamped with this token may still be sent: the lease is held, valid and the same. */
    public boolean mayAct(String fabric, long token) {
        Held h = held.get(fabric);
        return h != null && h.lease().token() == token && System.nanoTime() < h.validUntilNanos();
    }

    /** The stored lease of a fabric (whoever holds it), or empty. */
    public Optional<FabricLease> lease(String fabric) {
        return new FabricLeases(infrastructure.database()).find(fabric);
    }

    /** The stored leases, by fabric. */
    public Map<String, FabricLease> leases() {
        return new FabricLeases(infrastructure.database()).all();
    }

    /** Whether another live node holds the fabric's lease right now. */
    public Optional<FabricLease> heldElsewhere(String fabric) {
        long now = System.currentTimeMillis();
        return lease(fabric).filter(l -> l.liveAt(now) && !l.heldBy(nodes.nodeId()));
    }

    /**
     * Asks the fabric's holder to hand it to {@code node}, a live node; the holder stops its subscriber at its next
     * renewal and the target takes the lease.
     */
    public void requestMove(String fabric, String node) {
        if (!nodes.liveNodes().contains(node)) {
            throw new IllegalArgumentException("node '" + node + "' is not a live node of the cluster");
        }
        new FabricLeases(infrastructure.database()).requestMove(fabric, node);
        LOG.info(() -> "fabric " + fabric + ": move to node " + node + " requested");
    }

    /** Gives a held lease up now (the fabric was stopped here); its subscriber must have stopped already. */
    public void release(String fabric, String reason) {
        Held h = held.remove(fabric);
        if (h != null) {
            try {
                new FabricLeases(infrastructure.database()).release(h.lease(), reason);
            } catch (RuntimeException e) {
                LOG.warning(() -> "fabric " + fabric + ": the lease could not be released (" + e.getMessage()
                        + "); it lapses by itself");
            }
        }
    }

    /** Forgets a deleted fabric's lease. */
    public void forget(String fabric) {
        release(fabric, "fabric deleted");
        new FabricLeases(infrastructure.database()).forget(fabric);
    }

    /**
     * Takes a free lease now and starts the fabric here (a user started it on this node); false when another node
     * holds it or no node provides the worker roles yet (the next tick starts it then).
     */
    public boolean takeNow(String fabric, String reason) {
        if (!nodes.missingRoles().isEmpty()) {
            return false;
        }
        return take(new FabricLeases(infrastructure.database()), fabric, reason);
    }

    @Timeout
    void onTimer() {
        tick();
    }

    void tick() {
        if (shuttingDown || !ticking.tryLock()) {
            return;
        }
        try {
            FabricLeases leases = new FabricLeases(infrastructure.database());
            nodes.beat(List.copyOf(new TreeSet<>(held.keySet())));
            renewHeld(leases);
            Set<String> wanted = new LinkedHashSet<>();
            for (Document fabric : fabrics.listFabrics()) {
                if (Boolean.TRUE.equals(fabric.getBoolean("auto_start"))) {
                    wanted.add(fabric.getString("fabric"));
                }
            }
            Set<String> holding = new TreeSet<>();
            held.keySet().stream().filter(this::holds).forEach(holding::add);
            LeasePlan plan = LeasePlan.decide(nodes.nodeId(), System.currentTimeMillis(), nodes.liveNodes(), wanted,
                    leases.all(), holding);
            plan.release().forEach(this::giveUp);
            if (!plan.acquire().isEmpty() && !nodes.missingRoles().isEmpty()) {
                return; // FabricSubscribers reports why nothing starts
            }
            for (String fabric : plan.acquire()) {
                take(leases, fabric, "lease taken by node " + nodes.nodeId());
            }
        } catch (RuntimeException e) {
            // the store is down: held leases lapse by the watchdog, nothing is taken meanwhile
            if (System.currentTimeMillis() - lastFailureLogged > 60_000) {
                lastFailureLogged = System.currentTimeMillis();
                LOG.log(Level.WARNING, "fabric lease tick failed: " + e.getMessage());
            }
        } finally {
            ticking.unlock();
        }
    }

    private void renewHeld(FabricLeases leases) {
        for (Held h : List.copyOf(held.values())) {
            String fabric = h.lease().fabric();
            long sent = System.nanoTime();
            Optional<FabricLease> renewed;
            try {
                renewed = leases.renew(h.lease(), System.currentTimeMillis(), terms.leaseMillis(),
                        subscribers.report(fabric));
            } catch (RuntimeException e) {
                continue; // not confirmed: the watchdog stops the subscriber if no renewal succeeds in time
            }
            if (renewed.isEmpty()) {
                lose(fabric, "its lease was taken by another node");
            } else if (held.get(fabric) == h) {
                held.put(fabric, new Held(renewed.get(), sent + TimeUnit.MILLISECONDS.toNanos(terms.holderValidityMillis())));
            }
        }
    }

    /**
     * Takes the fabric's lease and starts its subscriber here. The timer and a user's start may both try at once (the
     * timer planned from what it read before); the store lets this node take its own lease again, with a new token
     * that would fence the subscriber the first take started, so a lease being taken or held here is not taken again.
     */
    private boolean take(FabricLeases leases, String fabric, String reason) {
        if (!taking.add(fabric)) {
            return true; // being taken on this node right now: it starts here
        }
        try {
            if (holds(fabric)) {
                return true;
            }
            long sent = System.nanoTime();
            Optional<FabricLease> taken = leases.acquire(fabric, nodes.nodeId(), nodes.instance(),
                    System.currentTimeMillis(), terms.leaseMillis());
            if (taken.isEmpty()) {
                return false; // another node was faster
            }
            FabricLease lease = taken.get();
            held.put(fabric, new Held(lease, sent + TimeUnit.MILLISECONDS.toNanos(terms.holderValidityMillis())));
            LOG.info(() -> "fabric " + fabric + ": lease taken by node " + nodes.nodeId() + " (token " + lease.token() + ")");
            subscribers.leaseTaken(fabric, reason);
            return true;
        } finally {
            taking.remove(fabric);
        }
    }

    /** Stops the subscriber, then releases the lease in the store: no other node starts before this one stopped. */
    private void giveUp(String fabric, String reason) {
        LOG.info(() -> "fabric " + fabric + ": giving up its lease: " + reason);
        subscribers.leaseEnded(fabric, reason, true);
        release(fabric, reason);
    }

    /** The lease is no longer this node's: stop at once, without waiting for the subscriber's thread. */
    private void lose(String fabric, String reason) {
        if (held.remove(fabric) != null) {
            LOG.warning(() -> "fabric " + fabric + ": node " + nodes.nodeId() + " stops its subscriber: " + reason);
            subscribers.leaseEnded(fabric, reason, false);
        }
    }

    private void checkDeadlines() {
        long now = System.nanoTime();
        held.forEach((fabric, h) -> {
            if (now >= h.validUntilNanos()) {
                lose(fabric, "its lease lapsed: the store did not confirm a renewal for "
                        + terms.holderValidityMillis() / 1000 + " s");
            }
        });
    }
}
