package io.listlines.fuzz;

import io.listlines.testing.LeakCheck;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.BeforeContainerHook;
import net.jqwik.api.lifecycle.ContainerLifecycleContext;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * What every fuzz class gets from {@code @AddLifecycleHook(FuzzHooks.class)}.
 *
 * <p><b>The leak check.</b> jqwik is its own JUnit Platform engine, so the Jupiter {@link LeakCheck}
 * extension never runs after a property. This hook does its job: before the class it installs
 * LeakCheck's recording detector (which must happen before Netty creates its buffer detector, or
 * leaks would only be logged), and after each property it calls {@link LeakCheck#collect()} and
 * fails the property if a ByteBuf leaked. (Around the property rather than in an
 * {@code @AfterProperty} method, so that a leak report is added to a failing property's own error
 * instead of replacing it.)
 *
 * <p><b>Campaigns.</b> The properties' {@code tries} are sized for CI. {@code -Dlistlines.fuzz.tries=N}
 * runs every property (not the {@code @Example}s) N times instead, and {@code -Dlistlines.fuzz.seed=S} fixes the random seed, to
 * replay a failure whose seed a report printed. Surefire passes {@code -D} options of the
 * {@code mvn} command line on to the test JVM. For example:
 * <pre>
 * mvn verify -pl shared-protocol,netty-server -am -Dtest='*Fuzz*' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dlistlines.fuzz.tries=100000
 * </pre>
 */
public final class FuzzHooks implements AroundPropertyHook, BeforeContainerHook {
    public static final String TRIES = "listlines.fuzz.tries";
    public static final String SEED = "listlines.fuzz.seed";

    /**
     * Whether the properties check their coverage (the share of tries that reached each interesting
     * case): not when {@code -Dlistlines.fuzz.tries} is below 500, where such shares are noise.
     */
    public static boolean checksCoverage() {
        String tries = System.getProperty(TRIES, "").strip();
        return tries.isEmpty() || Integer.parseInt(tries) >= 500;
    }

    @Override
    public void beforeContainer(ContainerLifecycleContext context) {
        FuzzSupport.armLeakDetection();
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property)
            throws InterruptedException {
        String tries = System.getProperty(TRIES, "").strip();
        if (!tries.isEmpty() && context.findAnnotation(Example.class).isEmpty()) { // an @Example runs once
            context.attributes().setTries(Integer.parseInt(tries));
        }
        String seed = System.getProperty(SEED, "").strip();
        if (!seed.isEmpty()) {
            context.attributes().setSeed(seed);
        }
        PropertyExecutionResult result = property.execute();
        List<String> leaks = collectLeaks();
        if (leaks.isEmpty()) {
            return result;
        }
        AssertionError leaked = new AssertionError(leaks.size() + " ByteBuf leak(s) in " + context.extendedLabel() + ":\n"
                + String.join("\n", leaks));
        if (result.status() == PropertyExecutionResult.Status.FAILED && result.throwable().isPresent()) {
            result.throwable().get().addSuppressed(leaked);
            return result;
        }
        return result.mapToFailed(leaked);
    }

    /**
     * {@link LeakCheck#collect()} a few times over: the garbage collector hands lost buffers to the
     * leak detector's reference queue in the background, so one pass right after a property can
     * come too early and blame the next one.
     */
    static List<String> collectLeaks() throws InterruptedException {
        List<String> leaks = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            Thread.sleep(5L * round);
            leaks.addAll(LeakCheck.collect());
        }
        return leaks;
    }

    /** Registered on a class, the hook also reaches the class's properties (jqwik's default would keep it on the class). */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.DIRECT_DESCENDANTS;
    }

    @Override
    public int aroundPropertyProximity() {
        return -100; // outermost: after jqwik's own hooks (statistics, lifecycle methods) have run
    }
}
