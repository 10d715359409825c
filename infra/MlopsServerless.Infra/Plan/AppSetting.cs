namespace MlopsServerless.Infra.Plan;

/// <summary>One function app setting.</summary>
public sealed record AppSetting(string Name, SettingValue Value);
