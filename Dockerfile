# Publishes torii exactly as the README's first command does, then runs it.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Torii -c Release -o /out/torii

FROM mcr.microsoft.com/dotnet/runtime:10.0
COPY --from=build /out/torii /opt/torii
COPY config.toml /etc/torii/config.toml
WORKDIR /etc/torii
ENTRYPOINT ["/opt/torii/torii"]
CMD ["start", "-c", "/etc/torii/config.toml"]
