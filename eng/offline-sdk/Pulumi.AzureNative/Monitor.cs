// Mirrors NuGet package Pulumi.AzureNative 3.29.0 (pulumi/pulumi-azure-native sdk/dotnet/Monitor/ActionGroup.cs, MetricAlert.cs, Inputs/EmailReceiverArgs.cs, MetricAlertActionArgs.cs, MetricAlertSingleResourceMultipleMetricCriteriaArgs.cs, MetricCriteriaArgs.cs, Enums.cs): declarations only.
#nullable enable
namespace Pulumi.AzureNative.Monitor
{
    public partial class ActionGroup : global::Pulumi.CustomResource
    {
        public ActionGroup(string name, ActionGroupArgs args, CustomResourceOptions? options = null)
            : base("azure-native:monitor:ActionGroup", name, args, options)
        {
        }
    }

    public sealed class ActionGroupArgs : global::Pulumi.ResourceArgs
    {
        private InputList<Inputs.EmailReceiverArgs>? _emailReceivers;

        public Input<string>? ActionGroupName { get; set; }

        public InputList<Inputs.EmailReceiverArgs> EmailReceivers
        {
            get => _emailReceivers ?? (_emailReceivers = new InputList<Inputs.EmailReceiverArgs>());
            set => _emailReceivers = value;
        }

        public Input<bool> Enabled { get; set; } = null!;

        public Input<string> GroupShortName { get; set; } = null!;

        public Input<string>? Location { get; set; }

        public Input<string> ResourceGroupName { get; set; } = null!;
    }

    public partial class MetricAlert : global::Pulumi.CustomResource
    {
        public MetricAlert(string name, MetricAlertArgs args, CustomResourceOptions? options = null)
            : base("azure-native:monitor:MetricAlert", name, args, options)
        {
        }
    }

    public sealed class MetricAlertArgs : global::Pulumi.ResourceArgs
    {
        private InputList<Inputs.MetricAlertActionArgs>? _actions;
        private InputList<string>? _scopes;

        public InputList<Inputs.MetricAlertActionArgs> Actions
        {
            get => _actions ?? (_actions = new InputList<Inputs.MetricAlertActionArgs>());
            set => _actions = value;
        }

        public Input<bool>? AutoMitigate { get; set; }

        public object Criteria { get; set; } = null!;

        public Input<string>? Description { get; set; }

        public Input<bool> Enabled { get; set; } = null!;

        public Input<string> EvaluationFrequency { get; set; } = null!;

        public Input<string>? Location { get; set; }

        public Input<string> ResourceGroupName { get; set; } = null!;

        public Input<string>? RuleName { get; set; }

        public InputList<string> Scopes
        {
            get => _scopes ?? (_scopes = new InputList<string>());
            set => _scopes = value;
        }

        public Input<int> Severity { get; set; } = null!;

        public Input<string> WindowSize { get; set; } = null!;
    }

    [EnumType]
    public readonly struct Operator
    {
    }

    [EnumType]
    public readonly struct AggregationTypeEnum
    {
    }
}

namespace Pulumi.AzureNative.Monitor.Inputs
{
    public sealed class EmailReceiverArgs : global::Pulumi.ResourceArgs
    {
        public Input<string> EmailAddress { get; set; } = null!;

        public Input<string> Name { get; set; } = null!;

        public Input<bool>? UseCommonAlertSchema { get; set; }
    }

    public sealed class MetricAlertActionArgs : global::Pulumi.ResourceArgs
    {
        public Input<string>? ActionGroupId { get; set; }
    }

    public sealed class MetricAlertSingleResourceMultipleMetricCriteriaArgs : global::Pulumi.ResourceArgs
    {
        private InputList<Inputs.MetricCriteriaArgs>? _allOf;

        public InputList<Inputs.MetricCriteriaArgs> AllOf
        {
            get => _allOf ?? (_allOf = new InputList<Inputs.MetricCriteriaArgs>());
            set => _allOf = value;
        }

        public Input<string> OdataType { get; set; } = null!;
    }

    public sealed class MetricCriteriaArgs : global::Pulumi.ResourceArgs
    {
        public Input<string> CriterionType { get; set; } = null!;

        public Input<string> MetricName { get; set; } = null!;

        public Input<string>? MetricNamespace { get; set; }

        public Input<string> Name { get; set; } = null!;

        public InputUnion<string, Pulumi.AzureNative.Monitor.Operator> Operator { get; set; } = null!;

        public Input<double> Threshold { get; set; } = null!;

        public InputUnion<string, Pulumi.AzureNative.Monitor.AggregationTypeEnum> TimeAggregation { get; set; } = null!;
    }
}
