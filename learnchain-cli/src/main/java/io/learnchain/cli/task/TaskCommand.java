package io.learnchain.cli.task;

import picocli.CommandLine.Command;

/** {@code learnchain task}: post learning tasks from the node's account and follow them. */
@Command(
        name = "task",
        mixinStandardHelpOptions = true,
        description = {
            "Post a learning task (the node posts with its own key), list tasks, show one, fetch its model.",
            "  learnchain task post --model mlp-small --dataset fashion-mnist-small --reward 10 --rounds 3 --min-accuracy 0.5",
            "  learnchain task show 1",
            "  learnchain task model 1 --out model/"
        },
        subcommands = {
            TaskPostCommand.class,
            TaskListCommand.class,
            TaskShowCommand.class,
            TaskModelCommand.class,
            TaskCancelCommand.class
        })
public final class TaskCommand {}
