using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using MlopsServerless.Functions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddMlopsFunctions(builder.Configuration);
builder.Build().Run();
