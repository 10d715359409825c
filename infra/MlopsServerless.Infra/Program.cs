using MlopsServerless.Infra.Stacks;

if (PulumiSdkMode.IsOffline)
{
    await Console.Error.WriteLineAsync(PulumiSdkMode.OfflineRunMessage);
    return 3;
}

return await Pulumi.Deployment.RunAsync<MlopsStack>();
