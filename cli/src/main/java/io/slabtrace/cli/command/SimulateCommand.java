package io.slabtrace.cli.command;

import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.error.UserError;
import io.slabtrace.cli.format.Structured;
import io.slabtrace.cli.format.TextOrJson;
import io.slabtrace.cli.options.Bound;
import io.slabtrace.cli.options.CommandModel;
import io.slabtrace.cli.options.MachineOptions;
import io.slabtrace.cli.options.ProseOptions;
import io.slabtrace.cli.view.SimulateText;
import io.slabtrace.cli.view.SimulateView;
import io.slabtrace.model.Allocator;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.scenario.Scenario;
import io.slabtrace.parser.HostFacts;
import io.slabtrace.parser.InputException;
import io.slabtrace.parser.scenario.ScenarioParser;
import io.slabtrace.replay.scenario.ScenarioRunner;
import io.slabtrace.replay.scenario.SimulationResult;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** Runs a workload scenario through the allocator model. Its options are declared in code ({@link Bound}). */
public final class SimulateCommand implements Callable<Integer> {

    private CommandSpec spec;

    private final Bound<String> scenario = new Bound<>(null);

    private final Bound<LayoutCommand.Which> allocator = new Bound<>(LayoutCommand.Which.slub);

    private final Bound<Integer> nodes = new Bound<>(1);

    private final ProseOptions prose = new ProseOptions();

    private final MachineOptions machineOptions = new MachineOptions();

    /** The command line's model of this command, bound to this object. */
    public CommandSpec spec() {
        spec = CommandModel.of(this, "simulate");
        spec.usageMessage().sortOptions(false).description(
                "Runs a workload scenario through the SLAB or SLUB model and prints each snapshot as /proc/slabinfo "
                + "lines, with what happened in between (grows, refills, flushes, frees, reaps). Scenarios: one command a line "
                + "(cache, cpu, alloc, free, tick, shrink, destroy, snapshot); see samples/scenarios/.");
        spec.addPositional(scenario.parameter("1", String.class).paramLabel("SCENARIO")
                .description("The scenario file.").build());
        spec.addOption(allocator.option(LayoutCommand.Which.class, "--allocator").paramLabel("NAME")
                .description("slub or slab (default: ${DEFAULT-VALUE}).").build());
        spec.addOption(nodes.option(Integer.class, "--nodes").paramLabel("N")
                .description("NUMA nodes; CPU c belongs to node c mod N (default: ${DEFAULT-VALUE}).").build());
        prose.addTo(spec);
        machineOptions.addTo(spec);
        Bound.helpOptions(spec, new VersionProvider());
        return spec;
    }

    @Override
    public Integer call() throws InputException {
        int nodes = this.nodes.value();
        PrintWriter out = spec.commandLine().getOut();
        // SLAB keeps an alien array for every pair of nodes: past 64 nodes the model's memory, not the kernel, is the limit
        if (nodes < 1 || nodes > 64) throw new UserError("--nodes must be 1 to 64, not " + nodes, ExitCodes.USAGE);
        Allocator a = allocator.value().allocator;
        Scenario sc = ScenarioParser.read(scenario.value());
        Machine m = machineOptions.machine(a, HostFacts.UNKNOWN, null);
        SimulationResult result;
        try {
            result = new ScenarioRunner(a, m, nodes).run(sc);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (prose.format() == TextOrJson.json) Structured.json(out, SimulateView.of(result));
        else SimulateText.print(out, sc, a, m, nodes, result, prose.lang());
        PrintWriter err = spec.commandLine().getErr();
        for (String note : result.notes()) err.println("slabtrace: warning: " + note);
        err.flush();
        return ExitCodes.OK;
    }
}
